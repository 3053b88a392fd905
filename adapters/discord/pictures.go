package discord

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path"
	"strings"

	"github.com/bwmarrin/discordgo"

	"factline/bot"
)

// DefaultMaxPicture is the default Options.MaxPicture: the reader's own default limit, 10 MB.
const DefaultMaxPicture = 10 << 20

// pictureTypes are the content types of attachments read as pictures: the formats the reader
// decodes; pictureExts stand in for a content type Discord did not give.
var (
	pictureTypes = map[string]bool{"image/png": true, "image/jpeg": true, "image/webp": true, "image/gif": true}
	pictureExts  = map[string]bool{".png": true, ".jpg": true, ".jpeg": true, ".webp": true, ".gif": true}
)

// cdnHosts are the hosts Discord serves attachments from. Only their https URLs, as Discord gave
// them in the event, are downloaded (and the API base's host, where a test or proxy stands in).
var cdnHosts = map[string]bool{"cdn.discordapp.com": true, "media.discordapp.net": true}

// picture is an image attached to a message, and why it cannot be read ("" when it can): what
// Discord declares of it (size, type) is checked before anything is downloaded.
type picture struct {
	att     *discordgo.MessageAttachment
	refusal bot.Code
}

// pictureOf returns the first image attached to m. Other attachments (a video, a PDF) are not
// pictures: a message with only those is checked by its text.
func (a *Adapter) pictureOf(m *discordgo.Message) (picture, bool) {
	if m == nil {
		return picture{}, false
	}
	for _, att := range m.Attachments {
		if p, ok := a.attachmentPicture(att); ok {
			return p, true
		}
	}
	return picture{}, false
}

// attachmentPicture returns att as a picture, with the refusal of what Discord declares of it,
// or false when att is not an image (or has no URL to download).
func (a *Adapter) attachmentPicture(att *discordgo.MessageAttachment) (picture, bool) {
	if att == nil || att.URL == "" {
		return picture{}, false
	}
	ct, _, _ := strings.Cut(strings.ToLower(att.ContentType), ";")
	ct = strings.TrimSpace(ct)
	ext := strings.ToLower(path.Ext(att.Filename))
	if !strings.HasPrefix(ct, "image/") && !(ct == "" && pictureExts[ext]) {
		return picture{}, false
	}
	p := picture{att: att}
	switch {
	case ct != "" && !pictureTypes[ct]:
		p.refusal = bot.CodeUnsupported
	case int64(att.Size) > a.maxPicture():
		p.refusal = bot.CodeTooLarge
	}
	return p, true
}

// optionPicture is the attachment of /factcheck's picture option, found by its id among the
// interaction's resolved attachments, where Discord puts what was uploaded with the command.
// Unlike a message's other attachments, a file given as the picture that is not an image is
// refused as one, so the asker learns which formats are read. ok is false without an attachment.
func (a *Adapter) optionPicture(id string, resolved *discordgo.ApplicationCommandInteractionDataResolved) (picture, bool) {
	if id == "" || resolved == nil {
		return picture{}, false
	}
	att := resolved.Attachments[id]
	if att == nil || att.URL == "" {
		return picture{}, false
	}
	if p, ok := a.attachmentPicture(att); ok {
		return p, true
	}
	return picture{att: att, refusal: bot.CodeUnsupported}, true
}

func (a *Adapter) maxPicture() int64 {
	if a.opts.MaxPicture > 0 {
		return a.opts.MaxPicture
	}
	return DefaultMaxPicture
}

// askMessage asks the core about a message someone pointed the bot at: its picture when it has
// one, else text.
func (a *Adapter) askMessage(ctx context.Context, i *discordgo.Interaction, target *discordgo.Message, text string) (bot.Answer, error) {
	p, ok := a.pictureOf(target)
	if !ok {
		return a.bot.Ask(ctx, a.request(i, text, ""))
	}
	return a.askPictureOrText(ctx, i, p, text, "")
}

// askPictureOrText asks the core about a picture sent with text (a message's, or the claim typed
// with /factcheck), answering in lang ("" for the text's own). When the picture cannot be read
// (too large, another format, no text in it, pictures off) and the text holds a claim, the text
// is checked instead.
func (a *Adapter) askPictureOrText(ctx context.Context, i *discordgo.Interaction, p picture, text, lang string) (bot.Answer, error) {
	ans, err := a.askPicture(ctx, i, p, lang)
	switch bot.ErrorCode(err) {
	case bot.CodeTooLarge, bot.CodeUnsupported, bot.CodeNoText, bot.CodeUnavailable:
		if strings.TrimSpace(text) != "" {
			return a.bot.Ask(ctx, a.request(i, text, lang))
		}
	}
	return ans, err
}

// askPicture downloads a picture and asks the core what its text claims.
func (a *Adapter) askPicture(ctx context.Context, i *discordgo.Interaction, p picture, lang string) (bot.Answer, error) {
	if p.refusal != "" {
		return bot.Answer{}, &bot.Error{Code: p.refusal, Message: "refused from what Discord declares of the attachment"}
	}
	u, err := a.attachmentURL(p.att.URL)
	if err != nil {
		return bot.Answer{}, err
	}
	data, err := a.s.download(ctx, u, a.maxPicture())
	if errors.Is(err, errTooLarge) {
		return bot.Answer{}, &bot.Error{Code: bot.CodeTooLarge, Message: "the attachment is larger than declared"}
	}
	if err != nil {
		return bot.Answer{}, fmt.Errorf("download an attachment: %w", err)
	}
	a.log.Debug("picture question", "surface", "discord", "bytes", len(data))
	req := a.request(i, "", lang)
	req.Picture = data
	return a.bot.Ask(ctx, req)
}

// attachmentURL checks that an attachment's URL is one to download: https on Discord's CDN, or
// on the API base's host when one is set (a test server, a proxy). The URL is used as given,
// with its signature.
func (a *Adapter) attachmentURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("attachment URL: %w", err)
	}
	if u.Scheme == "https" && cdnHosts[strings.ToLower(u.Hostname())] && u.User == nil {
		return u, nil
	}
	if base, err := url.Parse(a.opts.APIBase); err == nil && base.Host != "" && u.Scheme == base.Scheme && u.Host == base.Host && u.User == nil {
		return u, nil
	}
	return nil, fmt.Errorf("attachment URL on %q: not Discord's CDN", u.Host)
}

// errTooLarge: the download is over the limit.
var errTooLarge = errors.New("file too large")

// maxRedirects bounds the redirects of a download, each on the host and scheme it started on.
const maxRedirects = 3

// download fetches u with the session's HTTP client (its transport and timeouts), without the
// bot token, following redirects only on the same host and scheme, reading at most limit bytes.
func (d dgSession) download(ctx context.Context, u *url.URL, limit int64) ([]byte, error) {
	c := *d.Client
	c.CheckRedirect = func(r *http.Request, via []*http.Request) error {
		if len(via) > maxRedirects || r.URL.Scheme != via[0].URL.Scheme || r.URL.Host != via[0].URL.Host {
			return errors.New("redirected elsewhere")
		}
		return nil
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.Do(req)
	if ue := (*url.Error)(nil); errors.As(err, &ue) {
		err = ue.Err // without the URL, which names the channel and the attachment
	}
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET attachment: %s", resp.Status)
	}
	if resp.ContentLength > limit {
		return nil, errTooLarge
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, errTooLarge
	}
	return data, nil
}

// replyReading answers an interaction at once with "Reading the picture…", for the asker alone
// when private, then edits that answer into what produce makes. An edit cannot change who sees
// a message: what is meant for the asker alone (a refusal: no text in the picture) after a
// public "Reading the picture…" is sent to them as a follow-up, and the public one deleted.
func (a *Adapter) replyReading(ctx context.Context, i *discordgo.Interaction, private bool, produce func(context.Context) message) error {
	if err := a.respond(ctx, i, text(textsFor(locale(i)).ReadingPicture, private)); err != nil {
		return err
	}
	m := produce(ctx)
	if m.ephemeral && !private {
		if _, err := a.s.FollowupMessageCreate(i, true, m.webhook(), discordgo.WithContext(ctx)); err != nil {
			return fmt.Errorf("follow up: %w", err)
		}
		if err := a.s.InteractionResponseDelete(i, discordgo.WithContext(ctx)); err != nil {
			return fmt.Errorf("delete the response: %w", err)
		}
		return nil
	}
	embeds, components := m.embeds, m.components
	if embeds == nil {
		embeds = []*discordgo.MessageEmbed{}
	}
	if components == nil {
		components = []discordgo.MessageComponent{}
	}
	edit := &discordgo.WebhookEdit{Content: &m.content, Embeds: &embeds, Components: &components, AllowedMentions: noMentions()}
	if _, err := a.s.InteractionResponseEdit(i, edit, discordgo.WithContext(ctx)); err != nil {
		return fmt.Errorf("edit the response: %w", err)
	}
	return nil
}
