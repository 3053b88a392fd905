package facts

import (
	"slices"
	"time"
)

// DefaultLang is the language every myth must have; answers fall back to it.
const DefaultLang = "en"

// Verdicts lists the verdict words a myth may carry, from the most to the least severe.
var Verdicts = []string{"false", "mostly-false", "misleading", "missing-context", "exaggerated"}

// Source is one publication the fact base cites, registered once and cited by id.
type Source struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Publisher string `json:"publisher"`
	// Date is the publication date as known: "YYYY-MM-DD", "YYYY-MM", "YYYY", or empty when the page showed none.
	Date string `json:"date,omitempty"`
	URL  string `json:"url"`
	// Note says how the source was read, e.g. whose work a copy is.
	Note string `json:"note,omitempty"`
	// Evidence holds the passages of the source that support what the answers take from it.
	// Lint checks every figure of an answer against them; answers do not carry them.
	Evidence []Evidence `json:"-"`
}

// Evidence is one passage of a source, quoted verbatim, and where it stands in the source.
type Evidence struct {
	Quote string `yaml:"quote"`
	// Where locates the passage: a section, table, page or paragraph.
	Where string `yaml:"where"`
}

// Text is a myth in one language.
type Text struct {
	Lang      string
	Title     string
	Claim     string
	Short     string
	Full      string
	Phrasings []string
	// shortLine and paraLines locate the short answer and each paragraph of Full in the file, for lint.
	shortLine int
	paraLines []int
}

// Myth is one claim people make and the curated answer to it.
type Myth struct {
	ID       string
	Verdict  string
	Reviewed time.Time
	// SourceIDs are the cited sources, in the order myth.yaml lists them.
	SourceIDs []string
	// Texts holds the myth per language code.
	Texts map[string]*Text
	// URLs are known addresses of the hoax the myth answers, as myth.yaml lists them: a question
	// holding one of them, in any form NormalizeURL equates, is answered with this myth.
	URLs []string
	// urlLines locates each of URLs in myth.yaml, for the duplicate check.
	urlLines []int
	// Hash identifies the myth's content (all files), so caches can tell an edited myth apart.
	Hash string
}

// Text returns the myth in lang, or in DefaultLang when it has no text in lang.
func (m *Myth) Text(lang string) *Text {
	if t, ok := m.Texts[lang]; ok {
		return t
	}
	return m.Texts[DefaultLang]
}

// Langs returns the languages the myth is written in, sorted.
func (m *Myth) Langs() []string {
	langs := make([]string, 0, len(m.Texts))
	for l := range m.Texts {
		langs = append(langs, l)
	}
	slices.Sort(langs)
	return langs
}

// Base is a loaded, validated fact base.
type Base struct {
	// Myths are sorted by id.
	Myths   []*Myth
	sources map[string]*Source
	byID    map[string]*Myth
	langs   []string
	words   map[string]*Words
	// byURL maps each normalised hoax link to the myth that lists it.
	byURL map[string]*Myth
	// sourceLines locates each source's entry in the registry, for lint.
	sourceLines map[string]fileLine
}

// Myth returns the myth with the given id, or nil.
func (b *Base) Myth(id string) *Myth { return b.byID[id] }

// Source returns the source with the given id, or nil.
func (b *Base) Source(id string) *Source { return b.sources[id] }

// Sources returns the sources a myth cites, in the order it lists them.
func (b *Base) Sources(m *Myth) []*Source {
	out := make([]*Source, 0, len(m.SourceIDs))
	for _, id := range m.SourceIDs {
		if s := b.sources[id]; s != nil {
			out = append(out, s)
		}
	}
	return out
}

// Langs returns the languages the base is written in, sorted, DefaultLang included.
func (b *Base) Langs() []string { return slices.Clone(b.langs) }

// HasLang reports whether the base has texts in lang.
func (b *Base) HasLang(lang string) bool { return slices.Contains(b.langs, lang) }
