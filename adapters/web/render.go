package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"factline/bot"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// pages holds one template set per page, each the layout plus the shared partials plus the page.
type pages struct {
	set    map[string]*template.Template
	assets assets
	// static maps a file name to its content and its content hash, which versions its URL.
	static map[string]staticFile
}

type staticFile struct {
	data  []byte
	hash  string
	ctype string
}

// assets are the versioned URLs of the static files, so browsers may cache them for good.
type assets struct{ CSS, JS, Icon string }

func loadPages() (*pages, error) {
	p := &pages{set: map[string]*template.Template{}, static: map[string]staticFile{}}
	entries, err := fs.ReadDir(staticFS, "static")
	if err != nil {
		return nil, fmt.Errorf("read static files: %w", err)
	}
	types := map[string]string{".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".svg": "image/svg+xml"}
	for _, e := range entries {
		data, err := staticFS.ReadFile("static/" + e.Name())
		if err != nil {
			return nil, fmt.Errorf("read static %s: %w", e.Name(), err)
		}
		sum := sha256.Sum256(data)
		ext := e.Name()[strings.LastIndexByte(e.Name(), '.'):]
		p.static[e.Name()] = staticFile{data: data, hash: hex.EncodeToString(sum[:6]), ctype: types[ext]}
	}
	url := func(name string) string { return "/static/" + name + "?v=" + p.static[name].hash }
	p.assets = assets{CSS: url("style.css"), JS: url("app.js"), Icon: url("icon.svg")}

	shared, err := template.New("").ParseFS(templateFS, "templates/layout.html", "templates/result.html")
	if err != nil {
		return nil, fmt.Errorf("parse templates: %w", err)
	}
	for _, name := range []string{"home", "myths", "myth", "message"} {
		t, err := template.Must(shared.Clone()).ParseFS(templateFS, "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("parse template %s: %w", name, err)
		}
		p.set[name] = t
	}
	return p, nil
}

// view is what every page template receives.
type view struct {
	L      *labels
	Title  string
	Assets assets
	// Langs are the fact base's languages, for selectors and language links.
	Langs []langOption
	Text  string
	// Result is the answer shown on the home page or a permalink, nil before a question.
	Result *result
	// Myths is the catalogue.
	Myths []mythRow
	// Heading and Message are a message page's content.
	Heading, Message string
	Canonical        string
	// ClaimReview is rendered as JSON-LD (html/template JSON-encodes it in the data block).
	ClaimReview *bot.ClaimReview
}

type langOption struct {
	Code, Name, Href string
	Selected         bool
}

type mythRow struct {
	Title, Claim, Verdict, VerdictKey, Href, Lang string
}

// result is an answer, or an error, as the page shows it.
type result struct {
	L     *labels
	Error string
	Ans   bot.Answer
	// Standalone is true on a permalink page: the claim is the page's heading and other languages are links.
	Standalone bool
	Abstained  bool
	Ambiguous  bool
	// Suggested is true when the answer offers Suggestions to choose from, and "none of these",
	// which declines Offer.
	Suggested    bool
	Suggestions  []choice
	Offer        string
	Verdict      string
	AnswerLang   string
	Paragraphs   []string
	Variants     []variant
	Alternatives []choice
	Topics       []choice
	OtherLangs   []choice
	Permalink    string
	// External is true for an answer from someone else's fact-check (Ans.External), labelled
	// ExternalLabel; Verdict is then the label of the verdict its rating maps to.
	External      bool
	ExternalLabel string
	// Read is the text read in the picture the question was sent as, shown as plain text (never
	// a link); "" for a typed question.
	Read string
}

// variant is one ready-to-copy text.
type variant struct {
	ID, Title, Hint, Text, Count string
	Rows                         int
}

// choice is a button (or, on permalinks, a link) that shows a given myth in a given language.
type choice struct {
	// UI is the page's language, kept across the post. Offer, when set, is the core's token for
	// the question the myth is offered for, so the choice is kept with it for the curator.
	Text, Lang, MythID, Label, Href, LabelLang, UI, Offer string
}

// newResult prepares ans for display; text is the question as typed, for the choice buttons.
func newResult(l *labels, ans bot.Answer, text string, langs []bot.Words, standalone bool) *result {
	res := &result{L: l, Ans: ans, Standalone: standalone}
	if ans.Outcome == bot.Suggested && len(ans.Suggestions) > 0 {
		res.Suggested, res.Offer = true, ans.Offer
		for _, sg := range ans.Suggestions {
			res.Suggestions = append(res.Suggestions, choice{Text: text, Lang: ans.Lang, MythID: sg.ID, Label: sg.Claim, UI: l.Lang, Offer: ans.Offer})
		}
		return res
	}
	if ans.Body == nil {
		res.Abstained = true
		for _, t := range ans.Topics {
			res.Topics = append(res.Topics, choice{Text: text, Lang: ans.Lang, MythID: t.ID, Label: t.Claim, UI: l.Lang, Offer: ans.Offer})
		}
		return res
	}
	if r := ans.External; r != nil {
		// Someone else's review: no sources, languages, alternatives or feedback of ours apply.
		res.External, res.ExternalLabel = true, ans.Words.ExternalLabel(r.Publisher)
		res.Verdict = ans.Words.ExternalVerdictLabel(r.Verdict)
		res.AnswerLang = ans.Body.Lang
		post, comment := ans.Post(), ans.Comment()
		res.Variants = []variant{
			{ID: "v-post", Title: l.PostTitle, Hint: l.PostHint, Text: post, Rows: rows(post),
				Count: strconv.Itoa(utf8.RuneCountInString(post)) + "/" + strconv.Itoa(bot.PostLimit) + " " + l.Chars},
			{ID: "v-comment", Title: l.CommentTitle, Hint: l.ExternalCommentHint, Text: comment, Rows: rows(comment)},
		}
		return res
	}
	res.Ambiguous = ans.Outcome == bot.Ambiguous
	res.Verdict = ans.Words.VerdictLabel(ans.Match.Verdict)
	res.AnswerLang = ans.Body.Lang
	res.Permalink = mythPath(ans.Match.ID, ans.Body.Lang)
	for _, p := range strings.Split(ans.Body.Full, "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			res.Paragraphs = append(res.Paragraphs, p)
		}
	}
	for _, a := range ans.Alternatives {
		// The offer goes with each alternative, so that the myth chosen is kept with the question.
		res.Alternatives = append(res.Alternatives, choice{Text: text, Lang: ans.Lang, MythID: a.ID, Label: a.Claim, UI: l.Lang, Offer: ans.Offer})
	}
	for _, w := range langs {
		if w.Lang == ans.Body.Lang {
			continue
		}
		c := choice{Text: text, Lang: w.Lang, MythID: ans.Match.ID, Label: w.Language, LabelLang: w.Lang, UI: l.Lang}
		if standalone {
			c.Href = mythPath(ans.Match.ID, w.Lang)
		}
		res.OtherLangs = append(res.OtherLangs, c)
	}
	post := ans.Post()
	res.Variants = []variant{
		{ID: "v-post", Title: l.PostTitle, Hint: l.PostHint, Text: post,
			Count: strconv.Itoa(utf8.RuneCountInString(post)) + "/" + strconv.Itoa(bot.PostLimit) + " " + l.Chars},
		{ID: "v-comment", Title: l.CommentTitle, Hint: l.CommentHint, Text: ans.Comment()},
		{ID: "v-full", Title: l.FullTitle, Hint: l.FullHint, Text: ans.Full()},
	}
	for i := range res.Variants {
		res.Variants[i].Rows = rows(res.Variants[i].Text)
	}
	return res
}

// rows is a textarea height that shows a text whole on a phone without scrolling much.
func rows(s string) int {
	n := 0
	for _, line := range strings.Split(s, "\n") {
		n += 1 + utf8.RuneCountInString(line)/60
	}
	return min(max(n, 3), 16)
}

// langOptions lists the base's languages, marking the chosen one; href, when set, makes links.
func langOptions(langs []bot.Words, chosen string, href func(code string) string) []langOption {
	out := make([]langOption, 0, len(langs))
	for _, w := range langs {
		o := langOption{Code: w.Lang, Name: w.Language, Selected: w.Lang == chosen}
		if href != nil {
			o.Href = href(w.Lang)
		}
		out = append(out, o)
	}
	return out
}

// render writes page name (or only its named block, for the script's in-place updates) with status.
func (s *Server) render(w http.ResponseWriter, status int, name, block string, v any) {
	t := s.pages.set[name]
	if t == nil {
		t = s.pages.set["message"]
	}
	if block == "" {
		block = "layout"
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, block, v); err != nil {
		s.log.Error("render page", "page", name, "err", err)
		http.Error(w, "the page could not be rendered", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes()) // a client that left cannot be told
}
