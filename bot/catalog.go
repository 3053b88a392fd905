package bot

import (
	"context"
	"strings"
	"time"

	"factline/facts"
)

// DefaultLang is the language every myth is written in; answers fall back to it.
const DefaultLang = facts.DefaultLang

// Catalog is the fact base as surfaces list it: every myth, in one language.
type Catalog struct {
	// Lang is the language of the listing: the one asked for, or DefaultLang when the base lacks it.
	Lang string
	// Langs are the languages the fact base is written in, sorted.
	Langs []string
	// Myths are sorted by id.
	Myths []CatalogEntry
}

// CatalogEntry is one myth of a Catalog.
type CatalogEntry struct {
	ID    string
	Title string
	Claim string
	// Verdict is the verdict's key ("false", "misleading", ...); VerdictLabel its word in Lang.
	Verdict      string
	VerdictLabel string
	// Reviewed is the day the answer was last checked against its sources, YYYY-MM-DD.
	Reviewed string
	// Lang is the language of Title and Claim; Langs every language the myth is written in.
	Lang  string
	Langs []string
}

// Languages returns the languages the fact base is written in, sorted.
func (b *Bot) Languages() []string { return b.current().Base().Langs() }

// HasLang reports whether the fact base is written in lang.
func (b *Bot) HasLang(lang string) bool { return b.current().Base().HasLang(lang) }

// CatalogLang returns lang, normalized, when the fact base is written in it, else DefaultLang.
func (b *Bot) CatalogLang(lang string) string {
	if l := strings.ToLower(strings.TrimSpace(lang)); b.HasLang(l) {
		return l
	}
	return DefaultLang
}

// Catalog lists every myth in lang (see CatalogLang).
func (b *Bot) Catalog(lang string) Catalog {
	base := b.current().Base()
	lang = b.CatalogLang(lang)
	words := wordsOf(base, lang)
	c := Catalog{Lang: lang, Langs: base.Langs(), Myths: make([]CatalogEntry, 0, len(base.Myths))}
	for _, m := range base.Myths {
		t := m.Text(lang)
		c.Myths = append(c.Myths, CatalogEntry{
			ID: m.ID, Title: t.Title, Claim: t.Claim, Verdict: m.Verdict, VerdictLabel: words.VerdictLabel(m.Verdict),
			Reviewed: m.Reviewed.Format(time.DateOnly), Lang: t.Lang, Langs: m.Langs(),
		})
	}
	return c
}

// Topics lists the myths the bot can answer, in lang where available.
func (b *Bot) Topics(lang string) []Topic { return topics(b.current().Base(), lang) }

// Preview returns the curated answer of a myth in lang, as Explain would give it, without a
// paraphrase. It neither counts against rate limits nor records an answer, so a surface may
// show previews as someone types (Telegram's inline mode) or list every myth at once.
func (b *Bot) Preview(mythID, lang string) (Answer, error) {
	sv := b.served.Load()
	base := sv.matcher.Base()
	m := base.Myth(mythID)
	if m == nil {
		return Answer{}, errorf(CodeNotFound, "no myth with id "+mythID)
	}
	if l := normalizeLang(lang); l != "" {
		lang = l
	} else {
		lang = DefaultLang
	}
	match := matchOf(m, closestLang(base, lang), 1)
	ans := Answer{Lang: lang, Outcome: Chosen, Match: &match, Alternatives: []Match{}}
	compose(&sv.answers, base, m, closestLang(base, lang), &ans)
	return ans, nil
}

// ClaimReview describes a myth's answer in lang as schema.org ClaimReview markup. Its url is
// baseURL/myths/ID?lang=xx when baseURL is set (the permalink the web surface serves); author
// names the organization publishing it.
func (b *Bot) ClaimReview(mythID, lang, baseURL, author string) (ClaimReview, error) {
	base := b.current().Base()
	m := base.Myth(mythID)
	if m == nil {
		return ClaimReview{}, errorf(CodeNotFound, "no myth with id "+mythID)
	}
	return NewClaimReview(base, m, lang, baseURL, author), nil
}

// Words are the words an answer carries in one language besides its text (the verdict's label,
// the headings around an answer), as the fact base writes them.
type Words struct {
	// Lang is the language of the words: the one asked for, or DefaultLang when the base lacks it.
	Lang string
	// Language is the language's name in itself ("Français").
	Language string
	// Claim heads the claim as checked, Verdict the verdict, Sources the list of sources and
	// Reviewed the review date.
	Claim, Verdict, Sources, Reviewed string
	verdicts                          map[string]string
	external                          facts.ExternalWords
}

// VerdictLabel returns the label of a verdict key ("misleading" -> "Trompeur"), or the key itself when
// the fact base has no label for it.
func (w Words) VerdictLabel(v string) string {
	if s, ok := w.verdicts[v]; ok {
		return s
	}
	return v
}

// LanguageWords returns the words of every language the fact base is written in, sorted by
// language code: each names its language in itself, for language menus.
func (b *Bot) LanguageWords() []Words {
	base := b.current().Base()
	langs := base.Langs()
	out := make([]Words, len(langs))
	for i, l := range langs {
		out[i] = wordsOf(base, l)
	}
	return out
}

// Words returns the words of lang, or of the closest language the fact base is written in.
func (b *Bot) Words(lang string) Words { return wordsOf(b.current().Base(), lang) }

func wordsOf(base *facts.Base, lang string) Words {
	lang = closestLang(base, normalizeLang(lang))
	w := base.Words(lang)
	if w == nil {
		return Words{Lang: lang, Language: lang}
	}
	return Words{Lang: lang, Language: w.Language, Claim: w.Claim, Verdict: w.Verdict, Sources: w.Sources, Reviewed: w.Reviewed, verdicts: w.Verdicts, external: w.External}
}

// Core is what every surface needs of the bot; *Bot implements it. Surfaces render from the
// types it returns and never see the fact base itself.
type Core interface {
	// Ask answers a question or a pasted claim.
	Ask(ctx context.Context, req Request) (Answer, error)
	// Explain answers with a myth the asker chose.
	Explain(ctx context.Context, mythID string, req Request) (Answer, error)
	// Decline records that none of the suggestions or topics offered was meant.
	Decline(ctx context.Context, offer string, req Request) error
	// Preview is a myth's curated answer, neither rate-limited nor recorded.
	Preview(mythID, lang string) (Answer, error)
	// Catalog lists the myths in a language; Topics lists them for a menu.
	Catalog(lang string) Catalog
	Topics(lang string) []Topic
	// ClaimReview is a myth's schema.org ClaimReview markup.
	ClaimReview(mythID, lang, baseURL, author string) (ClaimReview, error)
	// Languages are the languages of the fact base; HasLang tells whether it has one.
	Languages() []string
	HasLang(lang string) bool
	// CatalogLang is lang when the fact base has it, else DefaultLang.
	CatalogLang(lang string) string
	// Words are the words an answer carries in a language besides its text; LanguageWords are
	// those of every language of the base.
	Words(lang string) Words
	LanguageWords() []Words
	// Feedback records whether an answer helped.
	Feedback(ctx context.Context, f Feedback) error
	// Settings and SetSettings read and write a chat's settings.
	Settings(ctx context.Context, chat string) ChatSettings
	SetSettings(ctx context.Context, chat string, s ChatSettings) error
}

var _ Core = (*Bot)(nil)
