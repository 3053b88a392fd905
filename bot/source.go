package bot

import "factline/facts"

// Source is one publication an answer cites, as surfaces show it and the JSON contract carries it.
type Source struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Publisher string `json:"publisher"`
	// Date is the publication date as known: "YYYY-MM-DD", "YYYY-MM", "YYYY", or "" when unknown.
	Date string `json:"date,omitempty"`
	URL  string `json:"url"`
	// Note says how the source was read, e.g. whose work a copy is.
	Note string `json:"note,omitempty"`
}

// sourcesOf returns the sources myth m cites, in the order it lists them.
func sourcesOf(base *facts.Base, m *facts.Myth) []*Source {
	fs := base.Sources(m)
	out := make([]*Source, len(fs))
	for i, s := range fs {
		out[i] = &Source{ID: s.ID, Title: s.Title, Publisher: s.Publisher, Date: s.Date, URL: s.URL, Note: s.Note}
	}
	return out
}
