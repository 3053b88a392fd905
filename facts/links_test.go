package facts

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func TestNormalizeURLVariantsOfOneLink(t *testing.T) {
	const want = "example-news.com/2024/05/migrants-get-free-cars"
	for _, v := range []string{
		"https://example-news.com/2024/05/migrants-get-free-cars",
		"http://example-news.com/2024/05/migrants-get-free-cars",
		"https://www.example-news.com/2024/05/migrants-get-free-cars",
		"https://WWW.Example-News.com/2024/05/migrants-get-free-cars",
		"example-news.com/2024/05/migrants-get-free-cars",
		"https://example-news.com/2024/05/migrants-get-free-cars/",
		"https://example-news.com/2024/05/migrants-get-free-cars#comments",
		"https://example-news.com:443/2024/05/migrants-get-free-cars",
		"https://amp.example-news.com/2024/05/migrants-get-free-cars",
		"https://m.example-news.com/2024/05/migrants-get-free-cars",
		"https://mobile.example-news.com/2024/05/migrants-get-free-cars",
		"https://www.m.example-news.com/2024/05/migrants-get-free-cars",
		"https://example-news.com/2024/05/migrants-get-free-cars/amp",
		"https://example-news.com/2024/05/migrants-get-free-cars/amp/",
		"https://example-news.com/2024/05/migrants-get-free-cars.amp",
		"https://example-news.com/amp/2024/05/migrants-get-free-cars",
		"https://example-news.com/2024/05/migrants-get-free-cars?amp",
		"https://example-news.com/2024/05/migrants-get-free-cars?amp=1",
		"https://example-news.com/2024/05/migrants-get-free-cars?outputType=amp",
		"https://example-news.com/2024/05/migrants-get-free-cars?utm_source=facebook&utm_medium=social&utm_campaign=x",
		"https://example-news.com/2024/05/migrants-get-free-cars?fbclid=IwAR0abc",
		"https://example-news.com/2024/05/migrants-get-free-cars?igshid=MzRlODBiNWFlZA==",
		"https://example-news.com/2024/05/migrants-get-free-cars?gclid=abc",
		"https://example-news.com/2024/05/migrants-get-free-cars?si=abc123",
		"https://example-news.com/2024/05/migrants-get-free-cars?mc_cid=1&mc_eid=2",
		"https://example-news.com/2024/05/migrants-get-free-cars?ref=twitter",
		"https://example-news.com/2024/05/migrants-get-free-cars?UTM_Source=x",
		"https://m.example-news.com/2024/05/migrants-get-free-cars/amp/?utm_source=wa&fbclid=1#top",
	} {
		got, ok := NormalizeURL(v)
		if !ok || got != want {
			t.Errorf("NormalizeURL(%q) = %q, %v; want %q", v, got, ok, want)
		}
	}
}

func TestNormalizeURLKeepsWhatIdentifiesThePage(t *testing.T) {
	norm := func(s string) string {
		t.Helper()
		n, ok := NormalizeURL(s)
		if !ok {
			t.Fatalf("NormalizeURL(%q) refused", s)
		}
		return n
	}
	base := norm("https://example-news.com/2024/05/migrants-get-free-cars")
	for _, other := range []string{
		"https://example-news.com/2024/05/seniors-get-less",                // another article on the same site
		"https://example-news.com/2024/05",                                 // a section page, not the article
		"https://example-news.com/2024/05/migrants-get-free-cars/comments", // a different path
		"https://example-news.com/2023/05/migrants-get-free-cars",          // a different path, same slug
		"https://other-news.com/2024/05/migrants-get-free-cars",            // another site, same path
		"https://example-news.org/2024/05/migrants-get-free-cars",          // another domain suffix
		"https://example-news.com/2024/05/migrants-get-free-cars?page=2",   // a query that selects content
		"https://example-news.com:8080/2024/05/migrants-get-free-cars",     // another port is another server
		"https://example-news.com/2024/05/Migrants-Get-Free-Cars",          // paths are case-sensitive
		"https://example-news.com/2024/05/migrants-get-free-cars-amp",      // "amp" in the slug is not the AMP copy
	} {
		if n := norm(other); n == base {
			t.Errorf("%q normalises to the same link as the article: %q", other, n)
		}
	}
	// Query parameters that identify an article are kept, in any order, without the tracking ones.
	a := norm("https://news.example.com/article.php?id=42&cat=7&utm_source=x")
	if b := norm("https://www.news.example.com/article.php?cat=7&fbclid=z&id=42"); a != b {
		t.Errorf("same article, other order: %q vs %q", a, b)
	}
	if c := norm("https://news.example.com/article.php?id=43&cat=7"); c == a {
		t.Errorf("id=43 normalises like id=42: %q", c)
	}
	if got := norm("https://youtube.com/watch?v=abc123&si=share"); got != "youtube.com/watch?v=abc123" {
		t.Errorf("youtube link = %q", got)
	}
	// A host that is only a prefix and a suffix keeps its prefix: m.me is a domain.
	if got := norm("https://m.me/page"); got != "m.me/page" {
		t.Errorf("m.me = %q", got)
	}
}

func TestNormalizeURLRefusesWhatIsNotALink(t *testing.T) {
	for _, s := range []string{"", "ftp://example.com/file", "mailto:a@example.com", "https://localhost/x", "javascript:alert(1)", "https:///path"} {
		if n, ok := NormalizeURL(s); ok {
			t.Errorf("NormalizeURL(%q) = %q, accepted", s, n)
		}
	}
}

func TestLinksInText(t *testing.T) {
	text := "Is this true? (https://www.example-news.com/a/b?utm_source=x). Also see example.org/story, and «http://m.site.fr/x»"
	want := []string{"https://www.example-news.com/a/b?utm_source=x", "example.org/story", "http://m.site.fr/x"}
	if got := Links(text); !slices.Equal(got, want) {
		t.Errorf("Links = %q, want %q", got, want)
	}
	if got := Links("immigrants get 2.5 times more. e.g. nothing"); len(got) != 0 {
		t.Errorf("Links found %q in text without links", got)
	}
}

// withURLs returns validBase with myth.yaml of housing and jobs listing the given links.
func withURLs(housing, jobs string) fstest.MapFS {
	fsys := validBase()
	if housing != "" {
		fsys["myths/housing/myth.yaml"].Data = append(fsys["myths/housing/myth.yaml"].Data, []byte(housing)...)
	}
	if jobs != "" {
		fsys["myths/jobs/myth.yaml"].Data = append(fsys["myths/jobs/myth.yaml"].Data, []byte(jobs)...)
	}
	return fsys
}

func TestLinkedMyth(t *testing.T) {
	b, err := Load(withURLs("urls:\n  - https://www.example-news.com/2024/05/migrants-get-free-cars\n  - http://blog.example.net/post?id=7\n", ""))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		text, want, link string
	}{
		{"look https://m.example-news.com/2024/05/migrants-get-free-cars/amp?fbclid=x !!", "housing", "https://m.example-news.com/2024/05/migrants-get-free-cars/amp?fbclid=x"},
		{"jobs jobs jobs, see example-news.com/2024/05/migrants-get-free-cars.", "housing", "example-news.com/2024/05/migrants-get-free-cars"},
		{"first https://example.org/unknown then https://blog.example.net/post?id=7&utm_medium=x", "housing", "https://blog.example.net/post?id=7&utm_medium=x"},
		{"https://example-news.com/2024/05/seniors-get-less", "", ""},
		{"https://blog.example.net/post?id=8", "", ""},
		{"https://blog.example.net/post", "", ""},
		{"immigrants are the reason rent is so high", "", ""},
	} {
		m, link := b.LinkedMyth(tc.text)
		got := ""
		if m != nil {
			got = m.ID
		}
		if got != tc.want || link != tc.link {
			t.Errorf("LinkedMyth(%q) = %q, %q; want %q, %q", tc.text, got, link, tc.want, tc.link)
		}
	}
}

func TestLintHoaxLinks(t *testing.T) {
	for _, tc := range []struct {
		name, housing, jobs string
		want                []string // substrings of the errors, in order
	}{
		{"not absolute", "urls:\n  - example-news.com/story\n", "", []string{`myths/housing/myth.yaml:5: error: hoax link: URL "example-news.com/story" must start with https:// or http://`}},
		{"other scheme", "urls:\n  - https://ok.example.com/a\n  - ftp://example.com/story\n", "", []string{`myths/housing/myth.yaml:6: error: hoax link: URL "ftp://example.com/story" must start`}},
		{"no host", "urls:\n  - https:///story\n", "", []string{`myths/housing/myth.yaml:5: error: hoax link: URL "https:///story" has no valid host`}},
		{"twice in one myth", "urls:\n  - https://example-news.com/story\n  - https://www.example-news.com/story/?utm_source=x\n", "", []string{
			`myths/housing/myth.yaml:6: error: hoax link "https://www.example-news.com/story/?utm_source=x" is already listed at myths/housing/myth.yaml:5`}},
		{"in two myths", "urls:\n  - https://example-news.com/story\n", "urls:\n  - http://m.example-news.com/story#x\n", []string{
			`myths/jobs/myth.yaml:5: error: hoax link "http://m.example-news.com/story#x" is already listed at myths/housing/myth.yaml:5`}},
		{"not a list", "urls: https://example-news.com/story\n", "", []string{`myths/housing/myth.yaml:4: error: invalid YAML`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, ps := Lint(withURLs(tc.housing, tc.jobs), LintOptions{})
			var errs []string
			for _, p := range ps {
				// An invalid myth.yaml also leaves its sources uncited; only the myths' errors count here.
				if p.Severity == Error && strings.HasPrefix(p.File, "myths/") {
					errs = append(errs, p.String())
				}
			}
			if len(errs) != len(tc.want) {
				t.Fatalf("errors = %q, want %d", errs, len(tc.want))
			}
			for i, w := range tc.want {
				if !strings.HasPrefix(errs[i], w) {
					t.Errorf("error %d = %q, want prefix %q", i, errs[i], w)
				}
			}
		})
	}
	if _, ps := Lint(withURLs("urls:\n  - https://example-news.com/a\n", "urls:\n  - https://example-news.com/b\n"), LintOptions{}); len(problemsOf(ps, Error)) > 0 {
		t.Errorf("two distinct links refused: %v", ps)
	}
}

func problemsOf(ps []Problem, s Severity) []Problem {
	var out []Problem
	for _, p := range ps {
		if p.Severity == s {
			out = append(out, p)
		}
	}
	return out
}
