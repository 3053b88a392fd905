package telegram_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"factline/adapters/internal/picturetest"
	"factline/adapters/telegram"
	"factline/adapters/telegram/telegramtest"
	"factline/bot"
)

// pensionMeme is the claim of the memes sent in these tests; refugee-pension-hoax answers it.
const pensionMeme = "Refugees get more money every month than our seniors who worked 40 years. Share if you agree"

// photo makes a message a photo in two sizes, a thumbnail and the full picture, with a caption.
func photo(thumb, full telegramtest.File, caption string) msgOpt {
	return func(m map[string]any) {
		delete(m, "text")
		delete(m, "entities")
		m["photo"] = []any{thumb.PhotoSize(90, 67), full.PhotoSize(720, 540)}
		if caption != "" {
			m["caption"] = caption
			if strings.HasPrefix(caption, "/") {
				m["caption_entities"] = []any{map[string]any{"type": "bot_command", "offset": 0, "length": len(strings.Fields(caption)[0])}}
			}
		}
	}
}

// doc makes a message a document with a MIME type.
func doc(f telegramtest.File, mimeType string, withSize bool) msgOpt {
	return func(m map[string]any) {
		delete(m, "text")
		d := f.Document("meme", mimeType)
		if !withSize {
			delete(d, "file_size")
		}
		m["document"] = d
	}
}

// replyToPhoto makes a message a reply to a photo.
func replyToPhoto(id int, full telegramtest.File) msgOpt {
	return func(m map[string]any) {
		m["reply_to_message"] = map[string]any{"message_id": id, "date": 1764230000,
			"photo": []any{full.PhotoSize(720, 540)},
			"from":  map[string]any{"id": 99, "is_bot": false, "first_name": "C"}, "chat": m["chat"]}
	}
}

// TestPictureQuestions sends a meme the ways Telegram users do and checks, through the real
// reader, that the sourced answer comes back with the text read, after "typing…" and a download
// of the full picture (never the thumbnail).
func TestPictureQuestions(t *testing.T) {
	reader := picturetest.Reader(t)
	h := start(t, setup{coreOpts: func(o *bot.Options) { o.Pictures = reader }})
	meme := picturetest.Meme(t, pensionMeme)
	thumb, full := h.fake.AddFile(picturetest.Photo(t, "thumbnail")), h.fake.AddFile(meme)
	tests := []struct {
		name   string
		update map[string]any
		chat   int64
		msgID  int
	}{
		{"private photo", message(privateChat, 1, alice, "", photo(thumb, full, "")), privateChat, 1},
		{"group photo with /check in the caption", message(group, 2, alice, "", photo(thumb, full, "/check")), group, 2},
		{"group /check replying to a photo", message(group, 3, bob, "/check", replyToPhoto(4000, full)), group, 3},
		{"private image document", message(privateChat, 4, alice, "", doc(full, "image/png", true)), privateChat, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h.fake.Push(tt.update)
			c := h.fake.Wait(t, "sendMessage", replyOf(tt.chat, tt.msgID))
			wantAnswer(t, c, "refugee-pension-hoax", "")
			if p := plain(t, c); !strings.Contains(p, "Read in the picture:") || !strings.Contains(strings.ToUpper(p), "SENIORS") {
				t.Errorf("the answer does not show the text read: %q", p)
			}
		})
	}
	for _, c := range h.fake.Calls("getFile") {
		if c.Params["file_id"] != full.ID {
			t.Errorf("getFile %s, want the full picture %s", c.Params["file_id"], full.ID)
		}
	}
	if n := len(h.fake.Calls("file")); n != len(tests) {
		t.Errorf("%d downloads, want %d", n, len(tests))
	}
	for _, chat := range []int64{privateChat, group} {
		h.fake.Wait(t, "sendChatAction", func(c telegramtest.Call) bool {
			return c.Params["chat_id"] == itoa(chat) && c.Params["action"] == "typing"
		})
	}
}

// fixedReader is a picture reader for the refusal paths: it returns text, or err, for any picture.
type fixedReader struct {
	text string
	err  error
}

func (r fixedReader) ReadPicture(context.Context, []byte) (string, error) { return r.text, r.err }

// TestPictureRefusals: each refusal reaches the asker in their language, and what can be
// refused from the sizes and types Telegram declares is refused before any download.
func TestPictureRefusals(t *testing.T) {
	tests := []struct {
		name   string
		reader bot.PictureReader // nil: pictures are off
		// update makes the message, given the fake to store files in.
		update   func(f *telegramtest.Server) map[string]any
		want     string
		getFile  bool // the Bot API was asked for the file
		download bool // and it was downloaded
	}{
		{
			name: "every size over the limit: refused before getFile", reader: fixedReader{text: pensionMeme},
			update: func(f *telegramtest.Server) map[string]any {
				big := f.AddFile(bytes.Repeat([]byte{1}, 3<<20))
				return message(privateChat, 1, alice, "", photo(big, big, ""))
			},
			want: "too large for me to read: send one under 2 MB",
		},
		{
			name: "a document over 20 MB of unknown size: getFile refuses it", reader: fixedReader{text: pensionMeme},
			update: func(f *telegramtest.Server) map[string]any {
				return message(privateChat, 1, alice, "", doc(f.AddLargeFile(25<<20), "image/jpeg", false))
			},
			want: "too large for me to read", getFile: true,
		},
		{
			name: "a PDF: refused before getFile", reader: fixedReader{text: pensionMeme},
			update: func(f *telegramtest.Server) map[string]any {
				return message(privateChat, 1, alice, "", doc(f.AddFile([]byte("%PDF-1.7")), "application/pdf", true))
			},
			want: "I can only read pictures (PNG, JPEG, WebP or GIF)",
		},
		{
			name: "no text, in French", reader: fixedReader{text: "ok"},
			update: func(f *telegramtest.Server) map[string]any {
				p := f.AddFile([]byte("picture"))
				return message(privateChat, 1, alice, "", photo(p, p, ""), lang("fr"))
			},
			want: "aucun texte à vérifier", getFile: true, download: true,
		},
		{
			name: "the reader's own refusal of a format, in Spanish", reader: fixedReader{err: &bot.Error{Code: bot.CodeUnsupported, Message: "not a picture"}},
			update: func(f *telegramtest.Server) map[string]any {
				p := f.AddFile([]byte("BM not really"))
				return message(privateChat, 1, alice, "", doc(p, "image/png", true), lang("es"))
			},
			want: "Solo leo imágenes", getFile: true, download: true,
		},
		{
			name: "pictures off", reader: nil,
			update: func(f *telegramtest.Server) map[string]any {
				p := f.AddFile([]byte("picture"))
				return message(privateChat, 1, alice, "", photo(p, p, ""))
			},
			want: "can't read pictures right now: paste the text", getFile: true, download: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := start(t, setup{
				coreOpts: func(o *bot.Options) { o.Pictures = tt.reader },
				opts:     func(o *telegram.Options) { o.MaxPicture = 2 << 20 },
			})
			h.fake.Push(tt.update(h.fake))
			c := h.fake.Wait(t, "sendMessage", replyOf(privateChat, 1))
			if p := plain(t, c); !strings.Contains(p, tt.want) {
				t.Errorf("replied %q, want %q", p, tt.want)
			}
			if got := len(h.fake.Calls("getFile")) > 0; got != tt.getFile {
				t.Errorf("getFile: %v, want %v", got, tt.getFile)
			}
			if got := len(h.fake.Calls("file")) > 0; got != tt.download {
				t.Errorf("downloaded: %v, want %v", got, tt.download)
			}
		})
	}
}

// TestPictureSizeUnderLimit: of a photo's sizes, the largest within the limit is downloaded.
func TestPictureSizeUnderLimit(t *testing.T) {
	var got []byte
	h := start(t, setup{
		coreOpts: func(o *bot.Options) {
			o.Pictures = readerFunc(func(p []byte) (string, error) { got = p; return pensionMeme, nil })
		},
		opts: func(o *telegram.Options) { o.MaxPicture = 1 << 20 },
	})
	small, medium, huge := []byte("small"), bytes.Repeat([]byte{2}, 512<<10), bytes.Repeat([]byte{3}, 2<<20)
	fs, fm, fh := h.fake.AddFile(small), h.fake.AddFile(medium), h.fake.AddFile(huge)
	m := message(privateChat, 1, alice, "")
	delete(m["message"].(map[string]any), "text")
	m["message"].(map[string]any)["photo"] = []any{fs.PhotoSize(90, 60), fm.PhotoSize(800, 600), fh.PhotoSize(2560, 1920)}
	h.fake.Push(m)
	wantAnswer(t, h.fake.Wait(t, "sendMessage", replyOf(privateChat, 1)), "refugee-pension-hoax", "")
	if !bytes.Equal(got, medium) {
		t.Errorf("read %d bytes, want the 800x600 size (%d bytes)", len(got), len(medium))
	}
}

// readerFunc is a picture reader made of a function, to see what reaches the reader.
type readerFunc func([]byte) (string, error)

func (f readerFunc) ReadPicture(_ context.Context, p []byte) (string, error) { return f(p) }

// TestPicturesNobodyAskedAbout: in a group, even in auto mode, a photo without /check is never
// downloaded or read, and gets no reply.
func TestPicturesNobodyAskedAbout(t *testing.T) {
	read := 0
	h := start(t, setup{coreOpts: func(o *bot.Options) {
		o.Pictures = readerFunc(func([]byte) (string, error) { read++; return pensionMeme, nil })
	}})
	if err := h.core.SetSettings(context.Background(), "telegram:"+itoa(group), bot.ChatSettings{Auto: true}); err != nil {
		t.Fatal(err)
	}
	p := h.fake.AddFile([]byte("picture"))
	h.fake.Push(message(group, 1, alice, "", photo(p, p, "")))
	h.fake.Push(message(group, 2, alice, "", photo(p, p, pensionMeme)))
	h.fake.Push(message(group, 3, alice, "/check "+housingClaim))
	h.fake.Wait(t, "sendMessage", replyOf(group, 3))
	if err := h.stop(); err != nil {
		t.Fatal(err)
	}
	if n := len(h.fake.Calls("getFile")); n != 0 || read != 0 {
		t.Errorf("%d getFile calls and %d readings of pictures nobody asked about", n, read)
	}
	if n := len(h.fake.Calls("sendMessage")); n != 1 {
		t.Errorf("sent %d messages, want only the answer to /check", n)
	}
}

// TestFileEndpoint: pictures are downloaded from the file endpoint set in the options
// (TELEGRAM_FILE_ENDPOINT), not the API's host, when one is set.
func TestFileEndpoint(t *testing.T) {
	var fake *telegramtest.Server
	hits := make(chan string, 4)
	files := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits <- r.URL.Path
		http.Redirect(w, r, fake.URL+"/file/"+strings.TrimPrefix(r.URL.Path, "/cdn/"), http.StatusFound)
	}))
	defer files.Close()
	h := start(t, setup{
		coreOpts: func(o *bot.Options) { o.Pictures = fixedReader{text: pensionMeme} },
		opts:     func(o *telegram.Options) { o.FileEndpoint = files.URL + "/cdn/bot%s/%s" },
	})
	fake = h.fake
	p := h.fake.AddFile([]byte("picture"))
	h.fake.Push(message(privateChat, 1, alice, "", photo(p, p, "")))
	wantAnswer(t, h.fake.Wait(t, "sendMessage", replyOf(privateChat, 1)), "refugee-pension-hoax", "")
	select {
	case path := <-hits:
		if want := "/cdn/bot" + telegramtest.Token + "/" + p.Path; path != want {
			t.Errorf("file endpoint asked for %s, want %s", path, want)
		}
	default:
		t.Error("the file endpoint of the options was not used")
	}
}

// TestPictureCaptionFallback: when a picture holds no text to check, the claim in its caption
// is checked instead, rather than refusing the picture.
func TestPictureCaptionFallback(t *testing.T) {
	h := start(t, setup{coreOpts: func(o *bot.Options) { o.Pictures = fixedReader{text: "ok"} }})
	p := h.fake.AddFile([]byte("a photo of a bus"))
	h.fake.Push(message(privateChat, 1, alice, "", photo(p, p, housingClaim)))
	h.fake.Push(message(group, 2, alice, "", photo(p, p, "/check they steal our jobs")))
	wantAnswer(t, h.fake.Wait(t, "sendMessage", replyOf(privateChat, 1)), "housing", "")
	wantAnswer(t, h.fake.Wait(t, "sendMessage", replyOf(group, 2)), "jobs", "")
}

// captionMention makes a message a photo whose caption mentions the bot, marked by a
// caption_entities mention as Telegram sends it (UTF-16 offsets; the captions are ASCII).
func captionMention(p telegramtest.File, caption string) msgOpt {
	return func(m map[string]any) {
		photo(p, p, caption)(m)
		i := strings.Index(caption, "@"+telegramtest.BotUsername)
		m["caption_entities"] = []any{map[string]any{"type": "mention", "offset": i, "length": len(telegramtest.BotUsername) + 1}}
	}
}

// TestPictureMentionedInAGroup: in a group, a photo whose caption mentions the bot is read like
// one with /check in its caption (its other words are the claim to fall back on), and a mention
// replying to a photo reads that photo, as a mention replying to a text checks the text. A
// caption that only spells the name, without Telegram's mention entity, is not a mention.
func TestPictureMentionedInAGroup(t *testing.T) {
	var read int
	h := start(t, setup{coreOpts: func(o *bot.Options) {
		o.Pictures = readerFunc(func(p []byte) (string, error) {
			read++
			if string(p) == "a photo of a bus" {
				return "ok", nil
			}
			return pensionMeme, nil
		})
	}})
	meme, bus := h.fake.AddFile([]byte("a meme")), h.fake.AddFile([]byte("a photo of a bus"))
	at := "@" + telegramtest.BotUsername
	h.fake.Push(message(group, 1, alice, "", captionMention(meme, at)))
	wantAnswer(t, h.fake.Wait(t, "sendMessage", replyOf(group, 1)), "refugee-pension-hoax", "")
	h.fake.Push(message(group, 2, alice, "", captionMention(bus, "is this true? "+at+" they steal our jobs")))
	wantAnswer(t, h.fake.Wait(t, "sendMessage", replyOf(group, 2)), "jobs", "")
	h.fake.Push(message(group, 3, bob, at, mention(at), replyToPhoto(4000, meme)))
	wantAnswer(t, h.fake.Wait(t, "sendMessage", replyOf(group, 3)), "refugee-pension-hoax", "")

	h.fake.Push(message(group, 4, alice, "", photo(meme, meme, "ask "+at+" about this"))) // no entity
	h.fake.Push(message(group, 5, alice, "/check "+housingClaim))
	h.fake.Wait(t, "sendMessage", replyOf(group, 5))
	if err := h.stop(); err != nil {
		t.Fatal(err)
	}
	if read != 3 {
		t.Errorf("%d pictures read, want 3: the caption without a mention entity is not a question", read)
	}
	if n := len(h.fake.Calls("sendMessage")); n != 4 {
		t.Errorf("sent %d messages, want 4", n)
	}
}
