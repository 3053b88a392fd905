package match

import (
	"slices"
	"testing"
)

// TestKeywords: words then concepts; a word with a concept appears only as the concept.
func TestKeywords(t *testing.T) {
	tests := []struct {
		text, lang string
		want       []string
	}{
		{"Why are rents so high?", "en", []string{"high", "~housing"}},
		{"les loyers sont trop chers", "fr", []string{"trop", "~housing", "~price"}},
		{"potholes on 5 streets", "en", []string{"pothol", "street"}},
		{"el alquiler sube", "", []string{"~housing", "~rise"}}, // "sube" is of the group for rising
	}
	for _, tt := range tests {
		if got := Keywords(tt.text, tt.lang); !slices.Equal(got, tt.want) {
			t.Errorf("Keywords(%q, %q) = %q, want %q", tt.text, tt.lang, got, tt.want)
		}
	}
}
