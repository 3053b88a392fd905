package bot

import (
	"slices"
	"testing"
)

func TestGroupQuestions(t *testing.T) {
	base := builtinIndex(t).Base()
	q := func(text, lang string) UnansweredQuestion { return UnansweredQuestion{Text: text, Lang: lang} }
	tests := []struct {
		name string
		qs   []UnansweredQuestion
		want [][]string // the groups' examples, biggest group first
	}{
		{
			name: "same topic, other words and languages",
			qs: []UnansweredQuestion{
				q("are immigrants responsible for the potholes", "en"),
				q("why is rent so high in this town", "en"),
				q("potholes everywhere on my street, is it the immigrants?", "en"),
				q("les loyers sont trop chers ici", "fr"),
				q("do refugees get free phones", "en"),
				q("who pays for the potholes", "en"),
			},
			want: [][]string{
				{"are immigrants responsible for the potholes", "potholes everywhere on my street, is it the immigrants?", "who pays for the potholes"},
				{"why is rent so high in this town", "les loyers sont trop chers ici"},
				{"do refugees get free phones"},
			},
		},
		{
			name: "words every myth has do not group",
			qs: []UnansweredQuestion{
				q("immigrants and potholes", "en"),
				q("immigrants and the weather", "en"),
			},
			want: [][]string{{"immigrants and potholes"}, {"immigrants and the weather"}},
		},
		{
			name: "sharing only a topic word is not enough",
			qs: []UnansweredQuestion{
				q("do refugees get free phones", "en"),
				q("do refugees commit more crimes", "en"),
			},
			want: [][]string{{"do refugees get free phones"}, {"do refugees commit more crimes"}},
		},
		{
			name: "what Scrub left says nothing of the topic",
			qs: []UnansweredQuestion{
				q("is the [link] article about the mayor true", "en"),
				q("who wrote [link] on the weather", "en"),
			},
			want: [][]string{{"is the [link] article about the mayor true"}, {"who wrote [link] on the weather"}},
		},
		{
			name: "duplicates count but show once",
			qs: []UnansweredQuestion{
				q("Why are the buses late?", "en"),
				q("why are the buses late?", "en"),
				q("buses late again", "en"),
			},
			want: [][]string{{"Why are the buses late?", "buses late again"}},
		},
		{name: "none", qs: nil, want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			groups := GroupQuestions(tt.qs, base)
			var got [][]string
			for _, g := range groups {
				got = append(got, g.Examples)
			}
			if !slices.EqualFunc(got, tt.want, slices.Equal) {
				t.Errorf("groups:\n got %q\nwant %q", got, tt.want)
			}
			total := 0
			for _, g := range groups {
				total += g.Count
			}
			if total != len(tt.qs) {
				t.Errorf("groups count %d questions, want %d", total, len(tt.qs))
			}
		})
	}
}

func TestGroupKeywords(t *testing.T) {
	groups := GroupQuestions([]UnansweredQuestion{
		{Text: "why is rent so high", Lang: "en"},
		{Text: "rents keep going up", Lang: "en"},
		{Text: "les loyers explosent", Lang: "fr"},
	}, builtinIndex(t).Base())
	if len(groups) != 1 {
		t.Fatalf("%d groups, want 1: %+v", len(groups), groups)
	}
	g := groups[0]
	if g.Count != 3 || g.Keywords[0] != "~housing" || g.Langs["en"] != 2 || g.Langs["fr"] != 1 {
		t.Errorf("group = %+v, want 3 questions led by ~housing, 2 en and 1 fr", g)
	}
}
