package telegram

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"testing"
	"time"

	"factline/adapters/telegram/telegramtest"
	"factline/bot"
	"factline/facts/factstest"
)

// updateSeeds are valid updates of each kind the adapter handles, and malformed ones.
var updateSeeds = []string{
	`{"update_id":1,"message":{"message_id":1,"date":1,"chat":{"id":42,"type":"private"},"from":{"id":42,"is_bot":false,"first_name":"A","language_code":"en"},"text":"immigrants are causing the housing crisis"}}`,
	`{"update_id":2,"message":{"message_id":2,"date":1,"chat":{"id":-100777,"type":"supergroup"},"from":{"id":43,"first_name":"B","language_code":"fr"},"text":"/check@FactlineBot les immigrés volent nos emplois","entities":[{"type":"bot_command","offset":0,"length":18}]}}`,
	`{"update_id":3,"message":{"message_id":3,"date":1,"chat":{"id":-100777,"type":"supergroup"},"from":{"id":43,"first_name":"B"},"text":"@FactlineBot they take our jobs","entities":[{"type":"mention","offset":0,"length":12}]}}`,
	`{"update_id":4,"message":{"message_id":4,"message_thread_id":77,"is_topic_message":true,"date":1,"chat":{"id":-100777,"type":"supergroup"},"from":{"id":43,"first_name":"B"},"text":"/check","reply_to_message":{"message_id":3,"date":1,"chat":{"id":-100777,"type":"supergroup"},"text":"immigrants commit more crime"}}}`,
	`{"update_id":5,"message":{"message_id":5,"date":1,"chat":{"id":42,"type":"private"},"from":{"id":42,"first_name":"A"},"text":"/lang fr"}}`,
	`{"update_id":6,"message":{"message_id":6,"date":1,"chat":{"id":-100777,"type":"supergroup"},"sender_chat":{"id":-100777,"type":"supergroup"},"text":"/auto on"}}`,
	`{"update_id":7,"message":{"message_id":7,"date":1,"chat":{"id":42,"type":"private"},"from":{"id":42,"first_name":"A"},"text":"/myths"}}`,
	`{"update_id":8,"callback_query":{"id":"c1","from":{"id":42,"first_name":"A"},"message":{"message_id":9,"date":1,"chat":{"id":42,"type":"private"}},"data":"f:jobs:en"}}`,
	`{"update_id":9,"callback_query":{"id":"c2","from":{"id":42,"first_name":"A"},"data":"h:jobs:fr"}}`,
	`{"update_id":10,"inline_query":{"id":"q1","from":{"id":42,"first_name":"A","language_code":"es"},"query":"los inmigrantes nos quitan el trabajo","offset":""}}`,
	`{"update_id":11,"inline_query":{"id":"q2","from":{"id":42,"first_name":"A"},"query":"","offset":""}}`,
	`{"update_id":16,"callback_query":{"id":"c4","from":{"id":42,"first_name":"A"},"message":{"message_id":9,"date":1,"chat":{"id":42,"type":"private"}},"data":"x:housing:en:a-b_C9a-b_C9"}}`,
	`{"update_id":17,"callback_query":{"id":"c5","from":{"id":43,"first_name":"B"},"message":{"message_id":10,"date":1,"chat":{"id":-100777,"type":"supergroup"}},"data":"d:fr:a-b_C9a-b_C9"}}`,
	`{"update_id":18,"callback_query":{"id":"c6","from":{"id":43,"first_name":"B"},"data":"d::"}}`,
	// malformed
	`{"update_id":12,"message":{"message_id":12,"chat":{"id":-1,"type":"group"},"text":"@FactlineBot x","entities":[{"type":"mention","offset":1,"length":9223372036854775807},{"type":"text_mention","offset":0,"length":2,"user":null}]}}`,
	`{"update_id":13,"message":{"chat":{},"text":"/check"}}`,
	`{"update_id":14,"callback_query":{"id":"c3","from":{},"message":{"chat":{"id":1}},"data":":::"}}`,
	`{"update_id":15,"message":null,"callback_query":null,"inline_query":{"id":"q3","from":{}}}`,
	`{"update_id":"x","message":[]}`,
}

// FuzzUpdate feeds arbitrary update JSON through the decoding the poller and the webhook use
// (decodeUpdate) into the adapter's handlers, which answer over the fake Bot API. It calls the
// handlers directly, without the dispatcher's recover, so a panic fails the input; so does a
// request the fake refuses as malformed, as Telegram would. Run longer with:
// go test -run '^$' -fuzz FuzzUpdate ./adapters/telegram
func FuzzUpdate(f *testing.F) {
	for _, s := range updateSeeds {
		f.Add([]byte(s))
	}
	fake := telegramtest.NewServer(f)
	core := bot.New(bot.Options{Matcher: factstest.Index(f)})
	a, err := New(core, Options{Token: telegramtest.Token, APIEndpoint: fake.Endpoint(), RetryBase: time.Millisecond,
		MaxRetryWait: 10 * time.Millisecond, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		f.Fatal(err)
	}
	api, self, err := connect(context.Background(), a.opts, a.log)
	if err != nil {
		f.Fatal(err)
	}
	a.api, a.username, a.botID = api, self.UserName, self.ID
	f.Fuzz(func(t *testing.T, raw []byte) {
		u, err := decodeUpdate(raw)
		if err != nil {
			return // dispatch drops it the same way
		}
		before := len(fake.Calls(""))
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		a.out = newOutbox(ctx, ctx, a.api, a.opts, a.log)
		_ = a.handle(ctx, u) // errors are the dispatcher's to log; panics and refused requests fail
		a.out.close()        // the replies are sent
		for _, c := range fake.Calls("")[before:] {
			if c.Status == http.StatusBadRequest {
				t.Fatalf("the fake Bot API refused a malformed %s %v for update %s", c.Method, c.Params, raw)
			}
		}
	})
}
