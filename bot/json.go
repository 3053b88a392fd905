package bot

import (
	"bytes"
	"encoding/json"
	"slices"
)

// AppendJSON appends the answer's JSON to dst and returns the extended slice: compact, with HTML
// characters left as they are, as a json.Encoder with SetEscapeHTML(false) writes it (without
// its final newline). It is the web API's encoding, and `factline ask --format json` prints the
// same document indented. Most of a curated answer is its body and sources; their JSON is
// encoded once per fact base and copied while the answer still carries them unchanged.
func (a *Answer) AppendJSON(dst []byte) ([]byte, error) {
	buf := bytes.NewBuffer(dst)
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	curated := a.curatedFragment()
	if curated == nil {
		if err := enc.Encode(a); err != nil {
			return dst, err
		}
		return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
	}
	head := answerHead{Query: a.Query, Lang: a.Lang, Outcome: a.Outcome, Match: a.Match, Alternatives: a.Alternatives}
	if err := enc.Encode(head); err != nil {
		return dst, err
	}
	out := bytes.TrimSuffix(buf.Bytes(), []byte("}\n")) // the head's closing brace; the answer goes on
	out = append(out, ',')
	out = append(out, curated...)
	if a.Input != nil {
		in := bytes.NewBuffer(append(out, `,"input":`...))
		enc := json.NewEncoder(in)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(a.Input); err != nil {
			return dst, err
		}
		out = bytes.TrimSuffix(in.Bytes(), []byte("\n"))
	}
	return append(out, '}'), nil
}

// answerHead is an Answer's JSON up to its body: the fields encoded for each request.
type answerHead struct {
	Query        string  `json:"query"`
	Lang         string  `json:"lang"`
	Outcome      Outcome `json:"outcome"`
	Match        *Match  `json:"match"`
	Alternatives []Match `json:"alternatives"`
}

// curatedFragment returns the encoded body and sources of the composed answer a was built from,
// or nil when a has none or no longer carries it as composed (a paraphrase, topics, edits).
func (a *Answer) curatedFragment() []byte {
	c := a.curated
	if c == nil || a.Body == nil || *a.Body != c.body || len(a.Topics) > 0 || len(a.Suggestions) > 0 || a.Offer != "" || a.External != nil ||
		(a.Sources == nil) != (c.sources == nil) || !slices.Equal(a.Sources, c.sources) {
		return nil
	}
	return c.json
}

// encodeCurated returns `"answer":{...},"sources":[...]`, as body and sources appear in an
// Answer's JSON.
func encodeCurated(body *Body, sources []*Source) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	err := enc.Encode(struct {
		Body    *Body     `json:"answer"`
		Sources []*Source `json:"sources"`
	}{body, sources})
	if err != nil {
		return nil // not reached: strings and pointers always encode; AppendJSON then encodes all
	}
	return bytes.TrimSuffix(bytes.TrimPrefix(buf.Bytes(), []byte("{")), []byte("}\n"))
}
