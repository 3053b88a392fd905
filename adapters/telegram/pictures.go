package telegram

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"factline/bot"
)

// DownloadLimit is the largest file the Bot API lets a bot download (getFile), 20 MB.
const DownloadLimit = 20 << 20

// DefaultMaxPicture is the default Options.MaxPicture: the reader's own default limit, 10 MB.
const DefaultMaxPicture = 10 << 20

// pictureTypes are the MIME types of documents read as pictures: the formats the reader decodes.
var pictureTypes = map[string]bool{"image/png": true, "image/jpeg": true, "image/webp": true, "image/gif": true}

// pictureFile is the file of a message to read as a question.
type pictureFile struct {
	id   string
	size int64 // as Telegram declares it; 0 when it does not
	// unsupported: a document in a format the reader does not decode; tooLarge: every size of
	// it is over the limit. Both are refused before anything is downloaded.
	unsupported, tooLarge bool
}

// pictureOf returns the picture of m, if it has one: the largest size of a photo that is within
// the limit, or an image sent as a document.
func (a *Adapter) pictureOf(m *message) (pictureFile, bool) {
	if m == nil {
		return pictureFile{}, false
	}
	if len(m.Photo) > 0 {
		best, area := pictureFile{tooLarge: true}, -1
		for _, p := range m.Photo {
			if p.FileID == "" || p.FileSize > a.opts.MaxPicture {
				continue
			}
			if n := p.Width * p.Height; n > area {
				best, area = pictureFile{id: p.FileID, size: p.FileSize}, n
			}
		}
		return best, true
	}
	if d := m.Document; d != nil && d.FileID != "" {
		mime := strings.ToLower(strings.TrimSpace(d.MimeType))
		return pictureFile{id: d.FileID, size: d.FileSize, unsupported: !pictureTypes[mime], tooLarge: d.FileSize > a.opts.MaxPicture}, true
	}
	return pictureFile{}, false
}

// onPicture answers a message with a picture when someone asked: /check in its caption, a
// mention of the bot in its caption (as a mention in a text asks), or a private chat. In a
// group, other pictures are none of the bot's business, auto mode or not: a picture nobody asked
// about is never downloaded or read.
func (a *Adapter) onPicture(ctx context.Context, m *message, p pictureFile) error {
	if name, arg, ok := a.command(m.Caption); ok {
		if c, found := findCommand(name); found && c.name == "check" {
			return a.askPicture(ctx, m, p, arg)
		}
		if !m.private() {
			return nil
		}
		return a.askPicture(ctx, m, p, "")
	}
	if rest, ok := a.mentionIn(m.Caption, m.CaptionEntities); ok {
		return a.askPicture(ctx, m, p, rest)
	}
	if m.private() {
		return a.askPicture(ctx, m, p, m.Caption)
	}
	return nil
}

// askPicture downloads a picture and asks the core what its text claims, showing "typing…"
// meanwhile. m is the message to answer; p may be the picture of the message it replies to.
// When the picture cannot be read (too large, another format, no text in it, pictures off)
// and the caption holds a claim (caption), the caption is checked instead.
func (a *Adapter) askPicture(ctx context.Context, m *message, p pictureFile, caption string) error {
	ans, err := a.readPicture(ctx, m, p)
	switch bot.ErrorCode(err) {
	case bot.CodeTooLarge, bot.CodeUnsupported, bot.CodeNoText, bot.CodeUnavailable:
		if strings.TrimSpace(caption) != "" {
			return a.ask(ctx, m, caption)
		}
	}
	if err != nil {
		return a.refuse(ctx, destOf(m), m.From, a.texts(ctx, m.Chat.ID, m.From), err)
	}
	a.sendAnswer(destOf(m), ans, m.private())
	return nil
}

// readPicture downloads p, within the limits Telegram declares and the adapter's, and asks the
// core about it.
func (a *Adapter) readPicture(ctx context.Context, m *message, p pictureFile) (bot.Answer, error) {
	switch {
	case p.unsupported:
		return bot.Answer{}, &bot.Error{Code: bot.CodeUnsupported, Message: "a document that is not a picture"}
	case p.tooLarge:
		return bot.Answer{}, &bot.Error{Code: bot.CodeTooLarge, Message: "a picture over the download limit"}
	}
	stop := a.showAction(ctx, destOf(m), "typing")
	defer stop()
	picture, err := a.api.download(ctx, p.id, a.opts.MaxPicture)
	if errors.Is(err, errTooLarge) {
		return bot.Answer{}, &bot.Error{Code: bot.CodeTooLarge, Message: "a picture over the download limit"}
	}
	if err != nil {
		return bot.Answer{}, fmt.Errorf("download a picture: %w", err)
	}
	a.log.Debug("picture question", "bytes", len(picture))
	ans, err := a.core.Ask(ctx, bot.Request{Picture: picture, Surface: bot.SurfaceTelegram, Chat: chatKey(m.Chat.ID), User: userKey(m.From)})
	if err != nil {
		return bot.Answer{}, fmt.Errorf("ask with a picture: %w", err)
	}
	return ans, nil
}

// chatActionEvery is how often a chat action is repeated while the bot works: Telegram shows
// one for five seconds, or until the bot's next message.
const chatActionEvery = 4 * time.Second

// showAction shows action ("typing") in d's chat until the returned stop is called. It is
// best effort: a failure only costs the indicator, so it is logged at debug level.
func (a *Adapter) showAction(ctx context.Context, d dest, action string) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(chatActionEvery)
		defer tick.Stop()
		for {
			p := tgbotapi.Params{"chat_id": fmt.Sprint(d.chat), "action": action}
			p.AddNonZero("message_thread_id", d.thread)
			if _, err := a.api.once(ctx, "sendChatAction", p); err != nil && ctx.Err() == nil {
				a.log.Debug("no chat action", "err", err)
			}
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
		}
	}()
	return func() { cancel(); wg.Wait() }
}

// errTooLarge: the file is over the limit the caller gave, or the Bot API's own.
var errTooLarge = errors.New("file too large")

// download fetches a file the Bot API holds: getFile for its path, then the file itself from the
// file endpoint, reading at most limit bytes.
func (c *apiClient) download(ctx context.Context, fileID string, limit int64) ([]byte, error) {
	res, err := c.call(ctx, "getFile", tgbotapi.Params{"file_id": fileID})
	if err != nil {
		var apiErr *tgbotapi.Error
		if errors.As(err, &apiErr) && apiErr.Code == http.StatusBadRequest && strings.Contains(apiErr.Message, "too big") {
			return nil, errTooLarge
		}
		return nil, err
	}
	var f tgbotapi.File
	if err := json.Unmarshal(res, &f); err != nil {
		return nil, fmt.Errorf("getFile: %w", err)
	}
	if int64(f.FileSize) > limit {
		return nil, errTooLarge
	}
	if f.FilePath == "" {
		return nil, errors.New("getFile: no file_path to download")
	}
	ctx, cancel := context.WithTimeout(ctx, c.callTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, fmt.Sprintf(c.fileEndpoint, c.bot.Token, f.FilePath), nil)
	if err != nil {
		return nil, fmt.Errorf("download a file: %w", scrub(err))
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("download a file: %w", scrub(err))
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("download a file: status %s", resp.Status)
	}
	if resp.ContentLength > limit {
		return nil, errTooLarge
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, fmt.Errorf("download a file: %w", scrub(err))
	}
	if int64(len(data)) > limit {
		return nil, errTooLarge
	}
	return data, nil
}

// fileEndpoint is the file download URL pattern (two %s: the token and the file's path) that
// goes with an API endpoint: beside its /bot%s/%s, /file/bot%s/%s, as Telegram serves them;
// for an endpoint of another shape, /file/bot%s/%s on its host.
func fileEndpoint(api string) string {
	if i := strings.LastIndex(api, "/bot%s/%s"); i >= 0 {
		return api[:i] + "/file/bot%s/%s"
	}
	// Not url.Parse: the %s are not valid escapes in a path.
	if scheme, rest, ok := strings.Cut(api, "://"); ok {
		host, _, _ := strings.Cut(rest, "/")
		return scheme + "://" + host + "/file/bot%s/%s"
	}
	return api
}
