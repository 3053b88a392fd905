// Package claimreview reads professional fact-checks from the files they are published and
// shared in: schema.org ClaimReview JSON-LD (one object, an array or an @graph, as embedded in
// fact-check articles, or the article's HTML itself), a schema.org DataFeed of ClaimReview
// items, and responses of Google's Fact Check Tools API claims:search saved as JSON. A file
// may hold several such JSON values one after the other (JSON lines).
package claimreview

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"strings"
	"time"

	"factline/bot/reviews"
)

// Refusal reasons, as the import summary counts them.
const (
	NoClaim = "no claim text"
	NoURL   = "no review URL"
	// BadURL: the review's URL is not an http(s) link, so it could not be shown as one.
	BadURL = "review URL not an http(s) link"
)

// Batch is what the files read so far hold.
type Batch struct {
	// Reviews are the usable reviews, one per URL: a later one with the same URL replaces an
	// earlier one.
	Reviews []reviews.Review
	// Read counts the reviews found, usable or not; Duplicates those that repeated an earlier
	// one's URL.
	Read, Duplicates int
	// Refused counts the reviews left out, by reason (NoClaim, NoURL, BadURL).
	Refused map[string]int

	at map[string]int // review URL -> index in Reviews
}

// NewBatch returns an empty batch.
func NewBatch() *Batch {
	return &Batch{Refused: map[string]int{}, at: map[string]int{}}
}

// maxFileBytes bounds one file: the largest public ClaimReview feeds are a few hundred MB.
const maxFileBytes = 1 << 30

// Add adds the reviews of one file (name is how errors name it). A file that is not JSON, or
// holds no ClaimReview, DataFeed or claims:search response, is an error naming the file and,
// for a syntax error, the line and column; the batch is then unchanged.
func (b *Batch) Add(name string, r io.Reader) error {
	data, err := io.ReadAll(io.LimitReader(r, maxFileBytes+1))
	if err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	if len(data) > maxFileBytes {
		return fmt.Errorf("read %s: larger than %d bytes", name, maxFileBytes)
	}
	var got []found
	if looksLikeHTML(data) {
		got, err = fromHTML(data)
	} else {
		got, err = fromJSON(bytes.TrimPrefix(data, utf8BOM))
	}
	var se *SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("read %s:%w", name, err) // "read feed.json:12:5: invalid character…", as compilers place errors
	}
	if err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	if len(got) == 0 {
		return fmt.Errorf("read %s: no ClaimReview, DataFeed or claims:search response found", name)
	}
	for _, f := range got {
		b.add(f)
	}
	return nil
}

// found is one review read from a file, or why it is refused.
type found struct {
	review  reviews.Review
	refused string
}

func (b *Batch) add(f found) {
	b.Read++
	if f.refused != "" {
		b.Refused[f.refused]++
		return
	}
	r := f.review
	r.Verdict = reviews.Verdict(r.Rating)
	if i, ok := b.at[r.URL]; ok {
		b.Duplicates++
		b.Reviews[i] = r
		return
	}
	b.at[r.URL] = len(b.Reviews)
	b.Reviews = append(b.Reviews, r)
}

// UnknownRatings counts the ratings of the kept reviews that the rating table does not know
// (their verdict is "other"), so curators can see what to add to it.
func (b *Batch) UnknownRatings() map[string]int {
	out := map[string]int{}
	for _, r := range b.Reviews {
		if _, known := reviews.Classify(r.Rating); !known {
			out[r.Rating]++
		}
	}
	return out
}

// SyntaxError is a file that is not well-formed JSON, with the place where reading failed.
type SyntaxError struct {
	Line, Column int
	Err          error
}

// Error places the error as "line:column: what", for Add to prefix with the file's name.
func (e *SyntaxError) Error() string { return fmt.Sprintf("%d:%d: %v", e.Line, e.Column, e.Err) }

// Unwrap returns the decoder's error.
func (e *SyntaxError) Unwrap() error { return e.Err }

// fromJSON reads the JSON values of data one after the other. Arrays, @graph and
// dataFeedElement are read an element at a time, so a feed of 200,000 reviews is never held
// whole as decoded JSON.
func fromJSON(data []byte) ([]found, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var out []found
	for {
		var err error
		out, err = stream(dec, out, 0)
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			// The decoder places some errors relative to the value it was decoding: find the
			// place again by reading tokens alone from the start, which places them in the file.
			off := len(data)
			if o, terr := locate(data); terr != nil {
				off, err = o, terr
			}
			line, col := place(data, off)
			return nil, &SyntaxError{Line: line, Column: col, Err: err}
		}
	}
}

// locate reads data token by token and returns the first syntax error and its offset: the byte
// at fault, or the start of the token it is in ("tru}" is placed at its "t"); the end of data for
// a value cut short. The error is nil when data is well formed.
func locate(data []byte) (int, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	depth := 0
	for {
		tok, err := dec.Token()
		switch {
		case err == io.EOF && depth > 0:
			return len(data), io.ErrUnexpectedEOF
		case err == io.EOF:
			return 0, nil
		case err != nil:
			// InputOffset, not SyntaxError.Offset: the latter counts from the start of a literal.
			return int(dec.InputOffset()), err
		}
		switch tok {
		case json.Delim('['), json.Delim('{'):
			depth++
		case json.Delim(']'), json.Delim('}'):
			depth--
		}
	}
}

// streamed are the keys whose values are read an element at a time: the containers of many
// reviews.
var streamed = map[string]bool{"@graph": true, "dataFeedElement": true}

// stream reads the next JSON value of dec, at nesting depth, and adds the reviews it holds to
// out. It returns io.EOF at the end of the input between values, io.ErrUnexpectedEOF within one.
func stream(dec *json.Decoder, out []found, depth int) ([]found, error) {
	tok, err := dec.Token()
	if err == io.EOF && depth > 0 {
		err = io.ErrUnexpectedEOF
	}
	if err != nil {
		return out, err
	}
	end := func() error { // reads the closing delimiter
		_, err := dec.Token()
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return err
	}
	switch tok {
	case json.Delim('['):
		for dec.More() {
			if out, err = stream(dec, out, depth+1); err != nil {
				return out, err
			}
		}
		return out, end()
	case json.Delim('{'):
		obj := map[string]any{}
		for dec.More() {
			kt, err := dec.Token()
			if err != nil {
				return out, err
			}
			key, _ := kt.(string)
			if streamed[key] {
				if out, err = stream(dec, out, depth+1); err != nil {
					return out, err
				}
				continue
			}
			var v any
			if err := dec.Decode(&v); err != nil {
				return out, err
			}
			obj[key] = v
		}
		if err := end(); err != nil {
			return out, err
		}
		return walk(obj, out), nil
	}
	return out, nil // a string, number, true, false or null at the top: nothing to read
}

// place turns a byte offset of data into a 1-based line and column (in bytes).
func place(data []byte, off int) (line, col int) {
	off = min(max(off, 0), len(data))
	line = 1 + bytes.Count(data[:off], []byte("\n"))
	col = off - bytes.LastIndexByte(data[:off], '\n')
	return line, col
}

// walk finds the reviews in v: a ClaimReview, an array of anything walk reads, an @graph, a
// DataFeed's elements and their items, or a claims:search response.
func walk(v any, out []found) []found {
	switch v := v.(type) {
	case []any:
		for _, e := range v {
			out = walk(e, out)
		}
	case map[string]any:
		if claims, ok := v["claims"].([]any); ok {
			return fromSearchResponse(claims, out)
		}
		if hasType(v, "ClaimReview") {
			return append(out, fromClaimReview(v))
		}
		for _, key := range []string{"@graph", "dataFeedElement", "item"} {
			if e, ok := v[key]; ok {
				out = walk(e, out)
			}
		}
	}
	return out
}

// hasType says whether object o's @type is (or lists) t, with or without a schema.org prefix.
func hasType(o map[string]any, t string) bool {
	is := func(s string) bool {
		s = strings.TrimPrefix(strings.TrimPrefix(s, "http://schema.org/"), "https://schema.org/")
		return strings.TrimPrefix(s, "schema:") == t
	}
	switch ty := o["@type"].(type) {
	case string:
		return is(ty)
	case []any:
		for _, e := range ty {
			if s, ok := e.(string); ok && is(s) {
				return true
			}
		}
	}
	return false
}

// fromClaimReview reads a schema.org ClaimReview object.
func fromClaimReview(o map[string]any) found {
	item := object(o["itemReviewed"])
	r := reviews.Review{
		Claim:      text(o["claimReviewed"]),
		URL:        text(o["url"]),
		Title:      text(first(o["name"], o["headline"])),
		Rating:     text(first(object(o["reviewRating"])["alternateName"], object(o["reviewRating"])["name"])),
		Claimant:   name(item["author"]),
		Lang:       language(o["inLanguage"]),
		Publisher:  name(first(o["author"], o["publisher"])),
		Site:       reviews.Site(text(first(object(o["author"])["url"], object(o["publisher"])["url"]))),
		ReviewDate: date(first(o["datePublished"], o["dateCreated"])),
		ClaimDate:  date(first(item["datePublished"], object(item["firstAppearance"])["datePublished"], object(first(item["appearance"]))["datePublished"])),
	}
	if r.Claim == "" {
		r.Claim = text(first(item["text"], item["name"]))
	}
	return finish(r)
}

// fromSearchResponse reads the claims of a Fact Check Tools claims:search response: one
// review per claimReview of each claim.
func fromSearchResponse(claims []any, out []found) []found {
	for _, c := range claims {
		c := object(c)
		crs, _ := c["claimReview"].([]any)
		for _, cr := range crs {
			cr := object(cr)
			pub := object(cr["publisher"])
			out = append(out, finish(reviews.Review{
				Claim:      text(c["text"]),
				Claimant:   text(c["claimant"]),
				ClaimDate:  date(c["claimDate"]),
				Title:      text(cr["title"]),
				Publisher:  text(pub["name"]),
				Site:       reviews.Site(text(pub["site"])),
				URL:        text(cr["url"]),
				ReviewDate: date(cr["reviewDate"]),
				Rating:     text(cr["textualRating"]),
				Lang:       reviews.Lang(text(cr["languageCode"])),
			}))
		}
	}
	return out
}

// finish refuses an incomplete review and fills what can be inferred: the site from the URL,
// the publisher from the site, the language from the claim.
func finish(r reviews.Review) found {
	switch {
	case r.Claim == "":
		return found{refused: NoClaim}
	case r.URL == "":
		return found{refused: NoURL}
	case !webLink(r.URL):
		return found{refused: BadURL}
	}
	if r.Site == "" {
		r.Site = reviews.Site(r.URL)
	}
	if r.Publisher == "" {
		r.Publisher = r.Site
	}
	if r.Lang == "" {
		r.Lang = reviews.DetectLang(r.Claim)
	}
	return found{review: r}
}

// webLink says whether s is an absolute http(s) URL with a host: every surface shows the
// review's URL as a link, so a javascript: or relative one must never be stored.
func webLink(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}

// object is v as a JSON object; the first one of an array; or an empty one.
func object(v any) map[string]any {
	switch v := v.(type) {
	case map[string]any:
		return v
	case []any:
		for _, e := range v {
			if o, ok := e.(map[string]any); ok {
				return o
			}
		}
	}
	return map[string]any{}
}

// first is the first of vs that is present.
func first(vs ...any) any {
	for _, v := range vs {
		switch v := v.(type) {
		case nil:
		case string:
			if strings.TrimSpace(v) != "" {
				return v
			}
		case []any:
			if len(v) > 0 {
				return v[0]
			}
		default:
			return v
		}
	}
	return nil
}

// text is v as one line of text: a string with its spaces collapsed; the first string of an
// array; an object's @value or @id (JSON-LD's value and reference forms).
func text(v any) string {
	switch v := v.(type) {
	case string:
		return strings.Join(strings.Fields(v), " ")
	case json.Number:
		return v.String()
	case []any:
		for _, e := range v {
			if s := text(e); s != "" {
				return s
			}
		}
	case map[string]any:
		return text(first(v["@value"], v["@id"]))
	}
	return ""
}

// name is the name of a Person or Organization given as an object or a plain string.
func name(v any) string {
	if o, ok := v.(map[string]any); ok {
		return text(first(o["name"], o["alternateName"]))
	}
	if a, ok := v.([]any); ok && len(a) > 0 {
		return name(a[0])
	}
	return text(v)
}

// languageNames are language names as inLanguage may give them instead of a code.
var languageNames = map[string]string{
	"english": "en", "anglais": "en", "ingles": "en", "inglés": "en",
	"french": "fr", "français": "fr", "francais": "fr", "francés": "fr", "frances": "fr",
	"spanish": "es", "espagnol": "es", "español": "es", "espanol": "es", "castellano": "es",
}

// language reads inLanguage: a code ("fr-CA"), a name ("French"), or a Language object.
func language(v any) string {
	if o, ok := v.(map[string]any); ok {
		v = first(o["alternateName"], o["name"])
	}
	s := text(v)
	if code, ok := languageNames[strings.ToLower(s)]; ok {
		return code
	}
	if len(s) > 3 && !strings.ContainsAny(s, "-_") {
		return "" // a name this table lacks: not a code
	}
	return reviews.Lang(s)
}

// date reads an ISO 8601 date; zero when absent or unreadable.
func date(v any) time.Time {
	t, _ := reviews.ParseDate(text(v))
	return t
}

// utf8BOM starts files saved by some Windows editors; JSON does not allow it.
var utf8BOM = []byte("\ufeff")

// ldJSON finds the JSON-LD blocks of an HTML page.
var ldJSON = regexp.MustCompile(`(?is)<script[^>]*type\s*=\s*["']?application/ld\+json["']?[^>]*>(.*?)</script>`)

// looksLikeHTML says whether data is a web page rather than JSON.
func looksLikeHTML(data []byte) bool {
	d := bytes.TrimLeft(data, " \t\r\n\ufeff")
	return len(d) > 0 && d[0] == '<'
}

// fromHTML reads the JSON-LD blocks of a saved fact-check article.
func fromHTML(data []byte) ([]found, error) {
	var out []found
	for _, m := range ldJSON.FindAllSubmatchIndex(data, -1) {
		block := data[m[2]:m[3]]
		got, err := fromJSON(block)
		if err != nil {
			var se *SyntaxError
			if errors.As(err, &se) {
				// Places are given in the page, not in the block.
				line, col := place(data, m[2])
				if se.Line == 1 {
					se.Column += col - 1
				}
				se.Line += line - 1
			}
			return nil, err
		}
		out = append(out, got...)
	}
	return out, nil
}
