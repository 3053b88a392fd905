package facts

import (
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
)

// Words are the words an answer carries in one language besides its text: the verdict's label and
// the headings every surface shows around an answer. They live in the fact base, beside the answers,
// so each is written once per language and a translator finds them with the texts.
type Words struct {
	// Language is the language's name in itself ("Français"), for language menus.
	Language string `yaml:"language"`
	// Claim heads the claim as checked ("Claim").
	Claim string `yaml:"claim"`
	// Verdict heads the verdict ("Verdict").
	Verdict string `yaml:"verdict"`
	// Sources heads the list of sources ("Sources").
	Sources string `yaml:"sources"`
	// Reviewed comes before the review date ("Reviewed", "Vérifié le").
	Reviewed string `yaml:"reviewed"`
	// Verdicts maps each verdict in Verdicts to its label ("misleading": "Trompeur").
	Verdicts map[string]string `yaml:"verdicts"`
	// External are the words of an answer taken from a fact-check someone else published.
	External ExternalWords `yaml:"external"`
}

// ExternalVerdicts are the verdicts a professional fact-check's rating is mapped to.
var ExternalVerdicts = []string{"false", "mostly-false", "misleading", "mixed", "true", "other"}

// ExternalWords are the fixed templates of an answer taken from a professional fact-check (a
// schema.org ClaimReview): never generated, so what the bot says of someone else's work is always
// what a curator wrote. {publisher}, {date} and {rating} are filled in.
type ExternalWords struct {
	// Label sets the answer apart from the curated ones ("Checked by {publisher}, not by us").
	Label string `yaml:"label"`
	// Said is the answer's text ("{publisher} reviewed a similar claim on {date} and rated it ...").
	Said string `yaml:"said"`
	// Undated is Said for a review without a date.
	Undated string `yaml:"undated"`
	// Verdicts maps each verdict in ExternalVerdicts to its label.
	Verdicts map[string]string `yaml:"verdicts"`
}

// Words returns the words of lang, or of DefaultLang when the base has none in lang.
func (b *Base) Words(lang string) *Words {
	if w, ok := b.words[lang]; ok {
		return w
	}
	return b.words[DefaultLang]
}

// readAnswerWords reads words/<lang>.yaml for every language the base is written in.
func readAnswerWords(fsys fs.FS, b *Base, ps *problems) {
	b.words = map[string]*Words{}
	files, _ := fs.Glob(fsys, "words/*")
	for _, f := range files {
		lang := strings.TrimSuffix(path.Base(f), ".yaml")
		if !strings.HasSuffix(f, ".yaml") || !b.HasLang(lang) {
			ps.errorf(f, 0, "unexpected file: words/ holds one <lang>.yaml per language the myths are written in (%s)", strings.Join(b.langs, ", "))
		}
	}
	for _, lang := range b.langs {
		file := path.Join("words", lang+".yaml")
		data, err := fs.ReadFile(fsys, file)
		if err != nil {
			ps.errorf(file, 0, "missing: the myths are written in %q, so the words its answers carry are needed too (copy words/%s.yaml of the built-in base and translate it)", lang, DefaultLang)
			continue
		}
		var w Words
		if err := strictYAML(data, &w); err != nil {
			ps.errorf(file, yamlErrorLine(err), "%s", yamlErrorText(err))
			continue
		}
		for _, f := range []struct{ key, value string }{{"language", w.Language}, {"claim", w.Claim}, {"verdict", w.Verdict}, {"sources", w.Sources}, {"reviewed", w.Reviewed}} {
			if strings.TrimSpace(f.value) == "" {
				ps.errorf(file, 0, "no %s: add `%s: ...` in this language", f.key, f.key)
			}
		}
		for _, v := range Verdicts {
			if strings.TrimSpace(w.Verdicts[v]) == "" {
				ps.errorf(file, 0, "no label for the verdict %q: add it under `verdicts:`", v)
			}
		}
		for _, f := range []struct{ key, value string }{{"external.label", w.External.Label}, {"external.said", w.External.Said}, {"external.undated", w.External.Undated}} {
			if !strings.Contains(f.value, "{publisher}") {
				ps.errorf(file, 0, "no %s with {publisher}: add it in this language", f.key)
			}
		}
		for _, v := range ExternalVerdicts {
			if strings.TrimSpace(w.External.Verdicts[v]) == "" {
				ps.errorf(file, 0, "no label for the external verdict %q: add it under `external: verdicts:`", v)
			}
		}
		for _, v := range slices.Sorted(maps.Keys(w.Verdicts)) {
			if !slices.Contains(Verdicts, v) {
				ps.errorf(file, 0, "unknown verdict %q under `verdicts:`: the verdicts are %s", v, strings.Join(Verdicts, ", "))
			}
		}
		b.words[lang] = &w
	}
}
