package bot

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestExternalPlainText: the texts to paste of an answer from someone else's review carry the
// review's link (an external answer has no sources of ours) and the claim it reviewed.
func TestExternalPlainText(t *testing.T) {
	b := New(Options{Matcher: builtinIndex(t), Policy: DefaultPolicy(), Reviews: &reviewsOf{review: afpReview}})
	ans, err := b.Ask(t.Context(), Request{Text: "a city gave every migrant a free car", Lang: "en"})
	if err != nil || ans.Outcome != External {
		t.Fatalf("%v %s", err, ans.Outcome)
	}
	post := ans.Post()
	if want := ans.Body.Short + "\n" + afpReview.URL; post != want {
		t.Errorf("post %q, want %q", post, want)
	}
	for name, s := range map[string]string{"comment": ans.Comment(), "full": ans.Full()} {
		if !strings.HasPrefix(s, ans.Body.Full) || !strings.Contains(s, "Claim: “"+afpReview.Claim+"”") || !strings.HasSuffix(s, "\n"+afpReview.URL) {
			t.Errorf("%s %q", name, s)
		}
	}
	long := *afpReview
	long.Publisher = strings.Repeat("Very Long Publisher Name ", 12)
	b = New(Options{Matcher: builtinIndex(t), Policy: DefaultPolicy(), Reviews: &reviewsOf{review: &long}})
	ans, _ = b.Ask(t.Context(), Request{Text: "a city gave every migrant a free car", Lang: "en"})
	if post := ans.Post(); utf8.RuneCountInString(post) > PostLimit || !strings.HasSuffix(post, "\n"+long.URL) {
		t.Errorf("post of %d characters: %q", utf8.RuneCountInString(post), post)
	}
}
