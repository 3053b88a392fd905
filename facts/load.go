package facts

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// MaxShort is the longest a short rebuttal may be, in characters, so it fits a post on X or Bluesky.
const MaxShort = 280

var (
	idPattern       = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	langFilePattern = regexp.MustCompile(`^([a-z]{2,3})\.md$`)
	// citationPattern finds [source-id] in prose; a Markdown link "[text](url)" is not a citation.
	citationPattern = regexp.MustCompile(`\[([a-z0-9]+(?:-[a-z0-9]+)*)\]`)
	datePattern     = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)
	paragraphBreak  = regexp.MustCompile(`\n[ \t]*\n`)
)

type sourceFile struct {
	ID        string     `yaml:"id"`
	Title     string     `yaml:"title"`
	Publisher string     `yaml:"publisher"`
	Date      string     `yaml:"date"`
	URL       string     `yaml:"url"`
	Note      string     `yaml:"note"`
	Evidence  []Evidence `yaml:"evidence"`
}

type mythFile struct {
	Verdict  string   `yaml:"verdict"`
	Reviewed string   `yaml:"reviewed"`
	Sources  []string `yaml:"sources"`
	URLs     []string `yaml:"urls"`
}

type textFile struct {
	Title     string   `yaml:"title"`
	Claim     string   `yaml:"claim"`
	Short     string   `yaml:"short"`
	Phrasings []string `yaml:"phrasings"`
}

// Load reads and validates a fact base laid out as facts/README.md describes. A base with any
// error is refused: the returned error is a *ValidationError naming every problem.
func Load(fsys fs.FS) (*Base, error) {
	b, ps := read(fsys)
	if errs := ps.errors(); len(errs) > 0 {
		return nil, &ValidationError{Problems: errs}
	}
	return b, nil
}

// read parses the base and records every problem found by the structural checks. The returned
// base is usable only when no Error was recorded.
func read(fsys fs.FS) (*Base, problems) {
	var ps problems
	b := &Base{sources: map[string]*Source{}, byID: map[string]*Myth{}}
	sourceLines := readSources(fsys, b, &ps)
	b.sourceLines = sourceLines
	readMyths(fsys, b, &ps)
	if len(b.Myths) == 0 && len(ps) == 0 {
		ps.errorf("myths", 0, "no myths found: add a folder myths/<id>/ with myth.yaml and %s.md", DefaultLang)
	}
	checkLanguages(b, &ps)
	readAnswerWords(fsys, b, &ps)
	checkCitations(b, sourceLines, &ps)
	indexURLs(b, &ps)
	return b, ps
}

func readSources(fsys fs.FS, b *Base, ps *problems) map[string]fileLine {
	lines := map[string]fileLine{}
	files, err := fs.Glob(fsys, "sources/*.yaml")
	if err != nil || len(files) == 0 {
		ps.errorf("sources", 0, "no source registry found: add sources/<name>.yaml listing the sources the myths cite")
		return lines
	}
	for _, name := range files {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			ps.errorf(name, 0, "cannot read: %v", err)
			continue
		}
		var entries []sourceFile
		if err := strictYAML(data, &entries); err != nil {
			ps.errorf(name, yamlErrorLine(err), "invalid YAML: %s", yamlErrorText(err))
			continue
		}
		var doc yaml.Node
		_ = yaml.Unmarshal(data, &doc) // cannot fail: strictYAML just parsed the same bytes
		items := seqItems(&doc)
		for i, e := range entries {
			line := 0
			if i < len(items) {
				line = items[i].Line
			}
			where := fileLine{name, line}
			switch {
			case e.ID == "":
				ps.errorf(name, line, "source without id: add `id: short-name` (lower-case letters, digits, dashes)")
				continue
			case !idPattern.MatchString(e.ID):
				ps.errorf(name, line, "source id %q is malformed: use lower-case letters, digits and dashes", e.ID)
			}
			if prev, dup := lines[e.ID]; dup {
				ps.errorf(name, line, "duplicate source id %q (first defined at %s): give each source one entry", e.ID, prev)
				continue
			}
			lines[e.ID] = where
			for field, v := range map[string]string{"title": e.Title, "publisher": e.Publisher, "url": e.URL} {
				if strings.TrimSpace(v) == "" {
					ps.errorf(name, line, "source %q has no %s: add `%s: ...`", e.ID, field, field)
				}
			}
			if e.URL != "" {
				if msg := checkURL(e.URL); msg != "" {
					ps.errorf(name, line, "source %q: %s", e.ID, msg)
				}
			}
			if e.Date != "" && !datePattern.MatchString(e.Date) {
				ps.errorf(name, line, "source %q: date %q must be YYYY-MM-DD, YYYY-MM or YYYY (omit it when unknown)", e.ID, e.Date)
			}
			checkEvidenceEntries(name, e, itemOrNil(items, i), ps)
			s := Source(e)
			b.sources[e.ID] = &s
		}
	}
	return lines
}

// checkEvidenceEntries requires every recorded passage to have both its quote and its place.
func checkEvidenceEntries(file string, e sourceFile, item *yaml.Node, ps *problems) {
	var lines []*yaml.Node
	if seq := mapValue(item, "evidence"); seq != nil && seq.Kind == yaml.SequenceNode {
		lines = seq.Content
	}
	for i, ev := range e.Evidence {
		line := 0
		if i < len(lines) {
			line = lines[i].Line
		}
		if strings.TrimSpace(ev.Quote) == "" {
			ps.errorf(file, line, "source %q: evidence passage %d has no quote: copy the passage verbatim into `quote:`", e.ID, i+1)
		}
		if strings.TrimSpace(ev.Where) == "" {
			ps.errorf(file, line, "source %q: evidence passage %d has no where: say where it stands (section, table, page or paragraph) in `where:`", e.ID, i+1)
		}
	}
}

func itemOrNil(items []*yaml.Node, i int) *yaml.Node {
	if i < len(items) {
		return items[i]
	}
	return nil
}

// mapValue returns the value of key in a YAML mapping node, or nil.
func mapValue(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

func readMyths(fsys fs.FS, b *Base, ps *problems) {
	dirs, err := fs.ReadDir(fsys, "myths")
	if err != nil {
		ps.errorf("myths", 0, "cannot read the myths folder: %v", err)
		return
	}
	for _, d := range dirs {
		if !d.IsDir() {
			ps.errorf(path.Join("myths", d.Name()), 0, "unexpected file: each myth is a folder myths/<id>/")
			continue
		}
		if m := readMyth(fsys, d.Name(), ps); m != nil {
			b.Myths = append(b.Myths, m)
			b.byID[m.ID] = m
		}
	}
}

func readMyth(fsys fs.FS, id string, ps *problems) *Myth {
	dir := path.Join("myths", id)
	if !idPattern.MatchString(id) {
		ps.errorf(dir, 0, "myth id %q is malformed: name the folder with lower-case letters, digits and dashes", id)
		return nil
	}
	hash := sha256.New()
	m := &Myth{ID: id, Texts: map[string]*Text{}}
	metaPath := path.Join(dir, "myth.yaml")
	data, err := fs.ReadFile(fsys, metaPath)
	if err != nil {
		ps.errorf(metaPath, 0, "missing: every myth needs myth.yaml with verdict, reviewed and sources")
		return nil
	}
	hash.Write(data)
	var meta mythFile
	if err := strictYAML(data, &meta); err != nil {
		ps.errorf(metaPath, yamlErrorLine(err), "invalid YAML: %s", yamlErrorText(err))
		return nil
	}
	var doc yaml.Node
	_ = yaml.Unmarshal(data, &doc)
	switch {
	case meta.Verdict == "":
		ps.errorf(metaPath, 0, "missing verdict: add `verdict:` with one of %s", strings.Join(Verdicts, ", "))
	case !slices.Contains(Verdicts, meta.Verdict):
		ps.errorf(metaPath, keyLine(&doc, "verdict"), "unknown verdict %q: use one of %s", meta.Verdict, strings.Join(Verdicts, ", "))
	}
	m.Verdict = meta.Verdict
	if meta.Reviewed == "" {
		ps.errorf(metaPath, 0, "missing reviewed date: add `reviewed: YYYY-MM-DD`, the day the answer was last checked")
	} else if t, err := time.Parse(time.DateOnly, meta.Reviewed); err != nil {
		ps.errorf(metaPath, keyLine(&doc, "reviewed"), "reviewed %q is not a date: write it as YYYY-MM-DD", meta.Reviewed)
	} else {
		m.Reviewed = t
	}
	if len(meta.Sources) < 1 {
		ps.errorf(metaPath, 0, "no sources: list the ids of the sources the answer cites under `sources:`")
	}
	seen := map[string]bool{}
	for _, s := range meta.Sources {
		if seen[s] {
			ps.errorf(metaPath, keyLine(&doc, "sources"), "source %q is listed twice", s)
			continue
		}
		seen[s] = true
		m.SourceIDs = append(m.SourceIDs, s)
	}
	readURLs(metaPath, meta.URLs, mapValue(docRoot(&doc), "urls"), m, ps)

	entries, _ := fs.ReadDir(fsys, dir)
	for _, e := range entries {
		name := e.Name()
		if name == "myth.yaml" {
			continue
		}
		lm := langFilePattern.FindStringSubmatch(name)
		if lm == nil || e.IsDir() {
			ps.errorf(path.Join(dir, name), 0, "unexpected file: a myth folder holds myth.yaml and one <lang>.md per language (en.md, fr.md, ...)")
			continue
		}
		p := path.Join(dir, name)
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			ps.errorf(p, 0, "cannot read: %v", err)
			continue
		}
		hash.Write([]byte(name))
		hash.Write(data)
		if t := readText(p, lm[1], data, ps); t != nil {
			m.Texts[t.Lang] = t
		}
	}
	if _, ok := m.Texts[DefaultLang]; !ok {
		ps.errorf(path.Join(dir, DefaultLang+".md"), 0, "missing: every myth needs an %s.md, the language answers fall back to", DefaultLang)
	}
	m.Hash = hex.EncodeToString(hash.Sum(nil))[:16]
	return m
}

func readText(file, lang string, data []byte, ps *problems) *Text {
	if !utf8.Valid(data) {
		ps.errorf(file, 0, "not valid UTF-8: save the file as UTF-8")
		return nil
	}
	front, body, bodyLine, ok := splitFrontMatter(data)
	if !ok {
		ps.errorf(file, 1, "no front matter: start the file with a line `---`, the YAML fields (title, claim, short, phrasings), then `---` and the full answer")
		return nil
	}
	var tf textFile
	if err := strictYAML(front, &tf); err != nil {
		ps.errorf(file, 1+yamlErrorLine(err), "invalid front matter: %s", yamlErrorText(err))
		return nil
	}
	var doc yaml.Node
	_ = yaml.Unmarshal(front, &doc)
	t := &Text{
		Lang:      lang,
		Title:     strings.TrimSpace(tf.Title),
		Claim:     strings.TrimSpace(tf.Claim),
		Short:     strings.TrimSpace(tf.Short),
		Full:      unwrap(string(body)),
		shortLine: 1 + keyLine(&doc, "short"),
		paraLines: paragraphLines(string(body), bodyLine),
	}
	for field, v := range map[string]string{"title": t.Title, "claim": t.Claim, "short": t.Short} {
		if v == "" {
			ps.errorf(file, 0, "missing %s: add `%s:` to the front matter", field, field)
		}
	}
	if t.Full == "" {
		ps.errorf(file, bodyLine, "missing the full answer: write it below the closing `---`, citing sources as [source-id]")
	}
	if n := utf8.RuneCountInString(t.Short); n > MaxShort {
		ps.errorf(file, 1+keyLine(&doc, "short"), "short answer is %d characters, over the %d limit: cut %d", n, MaxShort, n-MaxShort)
	}
	if strings.Contains(t.Short, "://") {
		ps.errorf(file, 1+keyLine(&doc, "short"), "short answer contains a URL: the bot appends sources itself")
	}
	checkHashtags(file, &doc, ps)
	seen := map[string]bool{}
	for _, p := range tf.Phrasings {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		key := strings.ToLower(p)
		if seen[key] {
			ps.warnf(file, 1+keyLine(&doc, "phrasings"), "phrasing %q is listed twice", p)
			continue
		}
		seen[key] = true
		t.Phrasings = append(t.Phrasings, p)
	}
	if len(t.Phrasings) == 0 {
		ps.errorf(file, 0, "no phrasings: list under `phrasings:` a few ways people say the claim, used to recognise it")
	}
	return t
}

// checkLanguages requires every myth to be written in every language the base has.
func checkLanguages(b *Base, ps *problems) {
	all := map[string]bool{}
	for _, m := range b.Myths {
		for l := range m.Texts {
			all[l] = true
		}
	}
	for l := range all {
		b.langs = append(b.langs, l)
	}
	slices.Sort(b.langs)
	for _, m := range b.Myths {
		for _, l := range b.langs {
			if _, ok := m.Texts[l]; !ok {
				ps.errorf(path.Join("myths", m.ID, l+".md"), 0, "missing: other myths are written in %q; add this translation or remove the language from the others", l)
			}
		}
	}
	slices.SortFunc(b.Myths, func(x, y *Myth) int { return strings.Compare(x.ID, y.ID) })
}

// checkCitations ties myths and sources together: cited ids must exist, prose citations must be
// in the myth's list, and every registered source must be cited somewhere.
func checkCitations(b *Base, sourceLines map[string]fileLine, ps *problems) {
	used := map[string]bool{}
	for _, m := range b.Myths {
		meta := path.Join("myths", m.ID, "myth.yaml")
		for _, id := range m.SourceIDs {
			used[id] = true
			if b.sources[id] == nil && len(sourceLines) > 0 {
				ps.errorf(meta, 0, "unknown source %q: add it to a file in sources/ or fix the id", id)
			}
		}
		for _, l := range m.Langs() {
			t := m.Texts[l]
			file := path.Join("myths", m.ID, l+".md")
			cited := map[string]bool{}
			for _, c := range citations(t.Full) {
				cited[c] = true
				if !slices.Contains(m.SourceIDs, c) {
					ps.errorf(file, 0, "cites [%s], which is not in myth.yaml's sources: add it there or fix the id", c)
				}
			}
			for _, id := range m.SourceIDs {
				if !cited[id] {
					ps.warnf(file, 0, "source %q is listed in myth.yaml but not cited in this text: cite it as [%s] where it supports a statement", id, id)
				}
			}
		}
	}
	for id, where := range sourceLines {
		if !used[id] {
			ps.errorf(where.file, where.line, "source %q is not cited by any myth: cite it or remove it", id)
		}
	}
}

// citations returns the source ids cited in prose, in order of first appearance.
func citations(prose string) []string {
	var out []string
	for _, m := range citationPattern.FindAllStringSubmatchIndex(prose, -1) {
		if end := m[1]; end < len(prose) && prose[end] == '(' {
			continue // a Markdown link, not a citation
		}
		id := prose[m[2]:m[3]]
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

func checkURL(raw string) string {
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return fmt.Sprintf("URL %q is malformed: %v", raw, err)
	case u.Scheme != "http" && u.Scheme != "https":
		return fmt.Sprintf("URL %q must start with https:// or http://", raw)
	case u.Host == "" || !strings.Contains(u.Host, "."):
		return fmt.Sprintf("URL %q has no valid host", raw)
	case strings.ContainsAny(raw, " \t\n"):
		return fmt.Sprintf("URL %q contains spaces", raw)
	}
	return ""
}

// readURLs checks the myth's known hoax links: each an absolute http(s) URL. Duplicates are
// found by indexURLs, across myths.
func readURLs(file string, urls []string, seq *yaml.Node, m *Myth, ps *problems) {
	for i, raw := range urls {
		line := 0
		if seq != nil && seq.Kind == yaml.SequenceNode && i < len(seq.Content) {
			line = seq.Content[i].Line
		}
		raw = strings.TrimSpace(raw)
		if msg := checkURL(raw); msg != "" {
			ps.errorf(file, line, "hoax link: %s: copy the full address, with https://", msg)
			continue
		}
		m.URLs = append(m.URLs, raw)
		m.urlLines = append(m.urlLines, line)
	}
}

// indexURLs maps every myth's hoax links, normalised, to the myth; a link listed twice (in one
// myth or in two), even in another form of the same address, is an error, since a question
// holding it could be answered by only one myth.
func indexURLs(b *Base, ps *problems) {
	b.byURL = map[string]*Myth{}
	first := map[string]fileLine{}
	for _, m := range b.Myths {
		file := path.Join("myths", m.ID, "myth.yaml")
		for i, raw := range m.URLs {
			n, ok := NormalizeURL(raw)
			if !ok {
				ps.errorf(file, m.urlLines[i], "hoax link %q is not an http(s) address", raw)
				continue
			}
			if prev, dup := first[n]; dup {
				ps.errorf(file, m.urlLines[i], "hoax link %q is already listed at %s (the same address once normalised): list each link under one myth, once", raw, prev)
				continue
			}
			first[n] = fileLine{file, m.urlLines[i]}
			b.byURL[n] = m
		}
	}
}

// docRoot returns the top node of a parsed YAML document, or nil.
func docRoot(doc *yaml.Node) *yaml.Node {
	if doc.Kind == yaml.DocumentNode && len(doc.Content) == 1 {
		return doc.Content[0]
	}
	return nil
}

type fileLine struct {
	file string
	line int
}

func (f fileLine) String() string { return fmt.Sprintf("%s:%d", f.file, f.line) }

// splitFrontMatter splits "---\nYAML\n---\nbody" and returns the body's first line number.
func splitFrontMatter(data []byte) (front, body []byte, bodyLine int, ok bool) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	if !bytes.HasPrefix(data, []byte("---\n")) {
		return nil, nil, 0, false
	}
	rest := data[4:]
	end := bytes.Index(rest, []byte("\n---"))
	if end < 0 {
		return nil, nil, 0, false
	}
	front = rest[:end+1]
	after := rest[end+4:]
	if nl := bytes.IndexByte(after, '\n'); nl >= 0 {
		after = after[nl+1:]
	} else {
		after = nil
	}
	return front, after, bytes.Count(data[:len(data)-len(after)], []byte("\n")) + 1, true
}

func strictYAML(data []byte, v any) error {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	// An empty document decodes to the zero value; the field checks then report what is missing.
	if err := dec.Decode(v); err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	return nil
}

var yamlLinePattern = regexp.MustCompile(`line (\d+)`)

func yamlErrorLine(err error) int {
	if m := yamlLinePattern.FindStringSubmatch(err.Error()); m != nil {
		var n int
		fmt.Sscan(m[1], &n)
		return n
	}
	return 0
}

func yamlErrorText(err error) string {
	return strings.TrimPrefix(strings.ReplaceAll(err.Error(), "\n ", ""), "yaml: ")
}

func seqItems(doc *yaml.Node) []*yaml.Node {
	if doc.Kind == yaml.DocumentNode && len(doc.Content) == 1 && doc.Content[0].Kind == yaml.SequenceNode {
		return doc.Content[0].Content
	}
	return nil
}

func keyLine(doc *yaml.Node, key string) int {
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 {
		return 0
	}
	m := doc.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i].Line
		}
	}
	return 0
}

// unwrap joins the lines of each paragraph, as Markdown renders them, so answers reflow on every
// surface; paragraphs stay separated by a blank line.
func unwrap(body string) string {
	var paras []string
	for _, p := range paragraphBreak.Split(strings.TrimSpace(body), -1) {
		if p = strings.Join(strings.Fields(p), " "); p != "" {
			paras = append(paras, p)
		}
	}
	return strings.Join(paras, "\n\n")
}

// paragraphLines returns the line in the file where each paragraph of body starts, as unwrap
// splits them: at blank lines.
func paragraphLines(body string, firstLine int) []int {
	var out []int
	blank := true
	for i, l := range strings.Split(body, "\n") {
		if strings.Trim(l, " \t") == "" {
			blank = true
			continue
		}
		if blank {
			out = append(out, firstLine+i)
		}
		blank = false
	}
	return out
}

// checkHashtags catches phrasings that YAML read as comments: "- #NoAmnesty" is an empty item and
// "- send them back #NoAmnesty" loses its hashtag, silently, unless the value is quoted.
func checkHashtags(file string, doc *yaml.Node, ps *problems) {
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 {
		return
	}
	m := doc.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value != "phrasings" || m.Content[i+1].Kind != yaml.SequenceNode {
			continue
		}
		for _, item := range m.Content[i+1].Content {
			if item.Tag == "!!null" || strings.HasPrefix(item.LineComment, "#") {
				ps.errorf(file, 1+item.Line, `this phrasing is empty or lost its end: YAML reads "#" after a space as a comment; quote phrasings with hashtags, e.g. - "#NoAmnesty"`)
			}
		}
	}
}
