package arch

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const module = "factline"

// rules says, for packages under a folder, which of the module's packages they must not import.
// Tests are exempt: like main, a test may wire a bot over the built-in fact base.
var rules = []struct {
	under   string
	forbid  []string
	because string
}{
	{"adapters", []string{"facts", "config"}, "a surface renders from bot's types and gets its settings from main"},
	{"bot", []string{"adapters", "config"}, "the core owns the interfaces adapters implement, and gets its settings from main"},
	{"facts", []string{"bot", "adapters", "config"}, "the domain imports nothing of ours"},
	{"config", []string{"adapters"}, "config is read by main, which passes its values to the adapters"},
}

// TestDependencyRules parses every non-test Go file of the module and fails on an import that
// points outward.
func TestDependencyRules(t *testing.T) {
	root := filepath.Join("..", "..")
	checked := 0
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && p != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		pkg := path.Dir(filepath.ToSlash(rel))
		f, err := parser.ParseFile(token.NewFileSet(), p, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		checked++
		for _, imp := range f.Imports {
			target, _ := strconv.Unquote(imp.Path.Value)
			if v := violation(pkg, target); v != "" {
				t.Errorf("%s imports %s: %s", rel, target, v)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 50 {
		t.Fatalf("only %d files checked: is the module root %s?", checked, root)
	}
}

// violation returns why pkg (a folder of the module) may not import target, or "".
func violation(pkg, target string) string {
	rel, ok := strings.CutPrefix(target, module+"/")
	if !ok {
		return ""
	}
	for _, r := range rules {
		if !within(pkg, r.under) {
			continue
		}
		for _, f := range r.forbid {
			if within(rel, f) {
				return r.because
			}
		}
	}
	return ""
}

func within(pkg, folder string) bool { return pkg == folder || strings.HasPrefix(pkg, folder+"/") }

// TestViolation checks the rules themselves, so the walk above cannot pass by checking nothing.
func TestViolation(t *testing.T) {
	tests := []struct {
		pkg, target string
		bad         bool
	}{
		{"adapters/web", "factline/facts", true},
		{"adapters/web", "factline/facts/match", true},
		{"adapters/web", "factline/bot", false},
		{"adapters/telegram", "factline/config", true},
		{"bot", "factline/adapters/openai", true},
		{"bot/guard", "factline/config", true},
		{"bot", "factline/facts", false},
		{"facts", "factline/bot", true},
		{"facts/match", "factline/adapters/web", true},
		{"facts", "factline/facts/match", false},
		{"cmd/factline", "factline/facts", false},
		{"config", "factline/bot", false},
		{"config", "factline/adapters/web", true},
		{"factsdir", "factline/facts", false}, // "facts" is a folder, not a prefix of names
		{"adapters/web", "github.com/x/facts", false},
	}
	for _, tt := range tests {
		if got := violation(tt.pkg, tt.target) != ""; got != tt.bad {
			t.Errorf("violation(%q, %q) = %v, want %v", tt.pkg, tt.target, got, tt.bad)
		}
	}
}
