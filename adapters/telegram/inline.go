package telegram

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"factline/bot"
)

// inlineMin is the shortest inline query matched; shorter ones, as people start typing, list the myths.
const inlineMin = 3

// maxInlineAnswers is how many ranked answers an inline query returns.
const maxInlineAnswers = 5

// onInline answers an inline query with up to five ranked answers ready to send, the suggestions
// of an uncertain match with a notice saying so, or the list of myths when the query is empty or
// nothing matches.
func (a *Adapter) onInline(ctx context.Context, q *inlineQuery) error {
	if q.ID == "" { // not from Telegram, which always sends one: nothing can answer it
		return nil
	}
	lang := a.core.CatalogLang(baseLang(q.From.LanguageCode))
	query := strings.TrimSpace(q.Query)
	var (
		results []inlineArticle
		notice  string
		cache   = 60
		askErr  error
	)
	if utf8.RuneCountInString(query) < inlineMin {
		results = a.mythArticles(lang)
	} else {
		ans, err := a.core.Ask(ctx, bot.Request{Text: query, Surface: bot.SurfaceTelegram, User: userKey(&q.From), Draft: true})
		switch {
		case bot.ErrorCode(err) == bot.CodeRateLimited:
			notice, cache = textsFor(lang).InlineSlowDown, 0
		case err != nil:
			askErr, cache = fmt.Errorf("inline query not answered: %w", err), 0
		case ans.Outcome == bot.Suggested && len(ans.Suggestions) > 0:
			results, notice = a.suggestedArticles(ans), textsFor(ans.Lang).InlineUnsure
		case ans.External != nil:
			results = []inlineArticle{externalArticle(ans)}
		case ans.Body == nil:
			results, notice = a.mythArticles(ans.Lang), textsFor(ans.Lang).InlineNoMatch
		default:
			results = a.rankedArticles(ans)
		}
	}
	if len(results) > 50 {
		results = results[:50]
	}
	p := tgbotapi.Params{"inline_query_id": q.ID, "cache_time": strconv.Itoa(cache), "is_personal": "true"}
	if err := p.AddInterface("results", results); err != nil {
		return fmt.Errorf("encode inline results: %w", err)
	}
	if results == nil {
		p["results"] = "[]"
	}
	if notice != "" {
		// InlineQueryResultsButton (Bot API 6.7) opens a private chat with the bot at /start.
		_ = p.AddInterface("button", map[string]string{"text": notice, "start_parameter": "help"})
	}
	if _, err := a.api.call(ctx, "answerInlineQuery", p); err != nil {
		return errors.Join(askErr, fmt.Errorf("answer an inline query: %w", err))
	}
	return askErr
}

// rankedArticles is the answer, then its alternatives, best first. The alternatives are
// previews: inline queries arrive at every keystroke, so they must not count as answers given
// nor use up the asker's rate limit.
func (a *Adapter) rankedArticles(ans bot.Answer) []inlineArticle {
	out := []inlineArticle{article(ans)}
	for _, alt := range ans.Alternatives {
		if len(out) == maxInlineAnswers {
			break
		}
		if p, err := a.core.Preview(alt.ID, ans.Body.Lang); err == nil {
			p.Match.Confidence = alt.Confidence
			out = append(out, article(p))
		}
	}
	return out
}

// suggestedArticles are the myths an uncertain match suggests, best first, as previews. The
// answer's offer is not used: whatever is picked is sent by Telegram, not told to the bot.
func (a *Adapter) suggestedArticles(ans bot.Answer) []inlineArticle {
	var out []inlineArticle
	for _, s := range ans.Suggestions {
		if p, err := a.core.Preview(s.ID, ans.Lang); err == nil {
			p.Match.Confidence = s.Confidence
			out = append(out, article(p))
		}
	}
	return out
}

// mythArticles lists every myth as a ready answer.
func (a *Adapter) mythArticles(lang string) []inlineArticle {
	topics := a.core.Topics(lang)
	out := make([]inlineArticle, 0, len(topics))
	for _, t := range topics {
		if p, err := a.core.Preview(t.ID, lang); err == nil {
			out = append(out, article(p))
		}
	}
	return out
}

// inlineArticle is an InlineQueryResultArticle, declared here because the library's lacks
// link_preview_options.
type inlineArticle struct {
	Type        string     `json:"type"`
	ID          string     `json:"id"`
	Title       string     `json:"title"`
	Description string     `json:"description,omitempty"`
	Content     inlineText `json:"input_message_content"`
}

type inlineText struct {
	Text        string       `json:"message_text"`
	ParseMode   string       `json:"parse_mode"`
	LinkPreview *linkPreview `json:"link_preview_options,omitempty"`
}

// linkPreview is LinkPreviewOptions (Bot API 7.0), which the library lacks.
type linkPreview struct {
	IsDisabled       bool   `json:"is_disabled,omitempty"`
	URL              string `json:"url,omitempty"`
	PreferSmallMedia bool   `json:"prefer_small_media,omitempty"`
}

// article is an answer ready to send from inline mode: the short rebuttal and two sources.
func article(ans bot.Answer) inlineArticle {
	t := textsFor(ans.Body.Lang)
	verdict := ans.Words.VerdictLabel(ans.Match.Verdict)
	return inlineArticle{
		Type:        "article",
		ID:          ans.Match.ID,
		Title:       clip(ans.Match.Claim, 100),
		Description: clip(verdict+" · "+ans.Body.Short, 120),
		Content: inlineText{
			Text:        pack(post(ans, t), messageLimit)[0], // a post always fits one message
			ParseMode:   "HTML",
			LinkPreview: previewOf(firstURL(ans)),
		},
	}
}

// externalArticle is an answer from someone else's review, ready to send from inline mode: its
// title is the label that says whose review it is. Its id is the review's address hashed, as
// result ids may not exceed 64 bytes.
func externalArticle(ans bot.Answer) inlineArticle {
	r, w := ans.External, ans.Words
	sum := sha256.Sum256([]byte(r.URL))
	return inlineArticle{
		Type:        "article",
		ID:          "review-" + hex.EncodeToString(sum[:12]),
		Title:       clip(w.ExternalLabel(r.Publisher), 100),
		Description: clip(w.ExternalVerdictLabel(r.Verdict)+" · "+r.Claim, 120),
		Content: inlineText{
			Text:        pack(externalReply(ans).blocks, messageLimit)[0], // a short text, a claim clipped to 300 and a link
			ParseMode:   "HTML",
			LinkPreview: previewOf(r.URL),
		},
	}
}
