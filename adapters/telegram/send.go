package telegram

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// dest is where a reply goes: the chat, the forum topic, and the message it answers.
type dest struct {
	chat    int64
	thread  int
	replyTo int
}

func destOf(m *message) dest {
	d := dest{chat: m.Chat.ID, replyTo: m.MessageID}
	if m.IsTopicMessage {
		d.thread = m.MessageThreadID
	}
	return d
}

// send queues a reply for its chat; the outbox sends it. It never blocks: a handler must not wait
// for a chat that Telegram is making wait.
func (a *Adapter) send(d dest, r reply) { a.out.enqueue(d, r) }

// messages cuts a reply into sendMessage calls at paragraph boundaries. The first message answers
// the asking message; the keyboard goes under the last; only the message holding the first source
// shows a link preview.
func messages(d dest, r reply) []tgbotapi.Params {
	msgs := pack(r.blocks, messageLimit)
	out := make([]tgbotapi.Params, len(msgs))
	for i, msg := range msgs {
		p := tgbotapi.Params{"chat_id": strconv.FormatInt(d.chat, 10), "text": msg, "parse_mode": "HTML"}
		p.AddNonZero("message_thread_id", d.thread)
		if i == 0 && d.replyTo != 0 {
			// ReplyParameters (Bot API 7.0): still sent if the asking message was deleted meanwhile.
			_ = p.AddInterface("reply_parameters", map[string]any{"message_id": d.replyTo, "allow_sending_without_reply": true})
		}
		preview := ""
		if r.preview != "" && strings.Contains(msg, esc(r.preview)) {
			preview = r.preview
		}
		_ = p.AddInterface("link_preview_options", previewOf(preview))
		if i == len(msgs)-1 && r.keyboard != nil {
			_ = p.AddInterface("reply_markup", r.keyboard)
		}
		out[i] = p
	}
	return out
}

// maxQueuedChats bounds how many chats may have replies waiting at once, so a flood across many
// chats cannot hold unbounded memory; beyond it new replies are dropped and counted.
const maxQueuedChats = 10000

// outbox sends replies with one queue per chat, each drained by a goroutine of its own that lives
// while the queue is not empty. When Telegram answers 429 for a chat, only that chat's goroutine
// waits its retry_after, keeping the reply, so one chat's flood control never delays another. A
// queue holds at most perChat replies: the oldest waiting one is dropped when a new one comes.
// The outbox owns its goroutines; close waits for them.
type outbox struct {
	api       botAPI
	log       *slog.Logger
	perChat   int
	retryBase time.Duration
	maxWait   time.Duration
	attempts  int // for failures other than 429, which are retried while the queue keeps the reply
	// run is Run's context: once it ends, a chat under flood control gives up its replies rather
	// than hold up the stop. work is the context calls are made in; it ends a grace period later.
	run, work context.Context
	calls     chan struct{} // bounds the Bot API calls in flight across chats
	drops     *logEvery

	mu          sync.Mutex
	chats       map[int64]*chatQueue
	closed      bool
	stopDropped int // replies given up at the stop
	wg          sync.WaitGroup
}

// chatQueue is one chat's replies not yet started (the one being sent is held by the drainer),
// and how many were dropped from it since the drainer last logged.
type chatQueue struct {
	replies [][]tgbotapi.Params
	dropped int
}

func newOutbox(run, work context.Context, api botAPI, o Options, log *slog.Logger) *outbox {
	return &outbox{
		api: api, log: log, perChat: o.SendQueue, retryBase: o.RetryBase, maxWait: o.MaxRetryWait, attempts: 5,
		run: run, work: work, calls: make(chan struct{}, 2*o.Workers), drops: newLogEvery(time.Minute),
		chats: map[int64]*chatQueue{},
	}
}

// enqueue adds a reply to its chat's queue, starting the chat's drainer if it has none.
func (o *outbox) enqueue(d dest, r reply) {
	msgs := messages(d, r)
	if len(msgs) == 0 {
		return
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	q := o.chats[d.chat]
	if q == nil {
		if o.closed || len(o.chats) >= maxQueuedChats {
			o.dropped("dropped a reply: too many chats are waiting to be sent to", 1)
			return
		}
		q = &chatQueue{}
		o.chats[d.chat] = q
		o.wg.Add(1)
		go o.drain(d.chat, q)
	}
	q.replies = append(q.replies, msgs)
	if len(q.replies) > o.perChat {
		q.replies = q.replies[1:]
		q.dropped++ // logged by the drainer, once per wait rather than once per reply
	}
}

// dropped logs lost replies, at most one line a minute with the count since the last; close
// logs the rest.
func (o *outbox) dropped(msg string, n int) {
	if total, ok := o.drops.add(time.Now(), n); ok {
		o.log.Warn(msg, "dropped", total)
	}
}

// drain sends a chat's replies in order until its queue is empty, then forgets the chat.
func (o *outbox) drain(chat int64, q *chatQueue) {
	defer o.wg.Done()
	for {
		o.mu.Lock()
		dropped := q.dropped
		q.dropped = 0
		empty := len(q.replies) == 0
		var msgs []tgbotapi.Params
		if empty {
			delete(o.chats, chat)
		} else {
			msgs = q.replies[0]
			q.replies = q.replies[1:]
		}
		o.mu.Unlock()
		if dropped > 0 {
			o.log.Warn("dropped the oldest replies waiting for a chat: its queue was full", "dropped", dropped, "queue", o.perChat)
		}
		if empty {
			return
		}
		for i, p := range msgs {
			err := o.deliver(p)
			if err == nil {
				continue
			}
			if errors.Is(err, errStopping) {
				// Stopping while the chat is under flood control: what is left cannot be sent in
				// time. close logs the count for every chat at once.
				o.mu.Lock()
				o.stopDropped += 1 + len(q.replies)
				q.replies = nil
				o.mu.Unlock()
				break
			}
			o.log.Warn("could not send a reply", "err", err, "part", i+1, "of", len(msgs))
			break
		}
	}
}

// errStopping ends a wait for retry_after when Run's context ends.
var errStopping = errors.New("stopping")

// deliver sends one message. A 429 is retried after its retry_after for as long as it takes (the
// queue's bound limits what waits); 5xx and network failures a few times with backoff; other
// errors are final.
func (o *outbox) deliver(p tgbotapi.Params) error {
	for failures := 0; ; {
		select {
		case o.calls <- struct{}{}:
		case <-o.work.Done():
			return o.work.Err()
		}
		_, err := o.api.once(o.work, "sendMessage", p)
		<-o.calls
		if err == nil {
			return nil
		}
		err = fmt.Errorf("sendMessage: %w", err)
		if o.work.Err() != nil {
			return err
		}
		var apiErr *tgbotapi.Error
		switch {
		case errors.As(err, &apiErr) && apiErr.Code == http.StatusTooManyRequests:
			wait := max(time.Duration(apiErr.RetryAfter)*time.Second, o.retryBase)
			if sleep(o.run, wait) != nil {
				return errStopping
			}
		case errors.As(err, &apiErr) && apiErr.Code < 500, failures+1 >= o.attempts:
			return err
		default:
			if sleep(o.work, backoff(o.retryBase, o.maxWait, failures)) != nil {
				return err
			}
			failures++
		}
	}
}

// close stops taking replies and waits for the chats' drainers to finish.
func (o *outbox) close() {
	o.mu.Lock()
	o.closed = true
	o.mu.Unlock()
	o.wg.Wait()
	if n := o.drops.flush(); n > 0 {
		o.log.Warn("dropped replies: too many chats were waiting to be sent to", "dropped", n)
	}
	if o.stopDropped > 0 {
		o.log.Warn("dropped replies to chats under flood control: stopping", "dropped", o.stopDropped)
	}
}
