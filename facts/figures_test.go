package facts

import (
	"fmt"
	"strings"
	"testing"
)

// short writes a figure as "1300" or "46%" so a whole extraction reads as one line in the table.
func (f Figure) short() string {
	s := fmt.Sprintf("%g", f.Value)
	if f.Percent {
		s += "%"
	}
	return s
}

func shortFigures(fs []Figure) string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.short()
	}
	return strings.Join(out, " ")
}

// TestFigures reads each notation of each language, and what is not a figure.
func TestFigures(t *testing.T) {
	tests := []struct {
		lang, text, want string
	}{
		// Thousands separators: comma, space, no-break space, narrow no-break space, thin space, dot.
		{"en", "about 1,300 people", "1300"},
		{"en", "1,300,000 and 12,500", "1.3e+06 12500"},
		{"en", "1 300 and 1\u00a0300 and 1\u202f300 and 1\u2009300", "1300 1300 1300 1300"},
		{"fr", "1 300 personnes, 1\u202f300 et 1\u00a0300", "1300 1300 1300"},
		{"fr", "1.300 personnes", "1300"},
		{"es", "1.300 personas y 1 300 personas", "1300 1300"},
		{"es", "184.624 inmigrantes", "184624"},
		// Decimal point or comma.
		{"en", "grew 0.4% and 17.1 per cent", "0.4% 17.1%"},
		{"fr", "0,4 % puis 17,1 %", "0.4% 17.1%"},
		{"fr", "4.1 ou 4,1", "4.1 4.1"},
		{"es", "4,1 o 4.1", "4.1 4.1"},
		{"fr", "1 300,5 mètres", "1300.5"},
		{"en", "1,300.5 metres", "1300.5"},
		// In English a comma before anything but three digits is not a decimal comma.
		{"en", "4,1", "4 1"},
		{"en", "1.300", "1.3"},
		// A thousands group follows one to three digits: a year and a count are two numbers.
		{"fr", "en 2019 300 personnes", "2019 300"},
		{"en", "In 2015, 460,000", "2015 460000"},
		{"fr", "En 2020, 184 624 immigrants", "2020 184624"},
		// Abbreviated multipliers.
		{"en", "$544M and $1.1B and $5bn and 10k", "5.44e+08 1.1e+09 5e+09 10000"},
		{"fr", "544 M$ et 1,1 G$", "5.44e+08 1.1e+09"},
		{"en", "a 3D model and the 1N1 strain", ""},
		// Percentages.
		{"en", "46% or 46 % or 46\u00a0% or 46 percent or 46 per cent", "46% 46% 46% 46% 46%"},
		{"fr", "46\u202f% ou 46 pour cent", "46% 46%"},
		{"es", "46 % o 46 por ciento", "46% 46%"},
		{"en", "4 percentage points", "4"},
		{"en", "from 20–25% of", "20% 25%"},
		{"fr", "de 20 à 25 %", "20% 25%"},
		{"es", "del 20 al 25 %", "20% 25%"},
		{"en", "in 2019, 25% of", "2019 25%"},
		// Multipliers.
		{"en", "1.3 million and 3 million and $1.8 billion", "1.3e+06 3e+06 1.8e+09"},
		{"fr", "1,3 million, 13,4 millions, 1,8 milliard, 2 billions", "1.3e+06 1.34e+07 1.8e+09 2e+12"},
		{"es", "1,3 millones, 3 mil millones, 5 mil, 2 millardos, 1 billón", "1.3e+06 3e+09 5000 2e+09 1e+12"},
		{"en", "25 cents", "25"},
		// A multiplier written once applies to both ends of a range.
		{"en", "$16–23 billion a year", "1.6e+10 2.3e+10"},
		{"en", "between 16 and 23 billion", "1.6e+10 2.3e+10"},
		{"fr", "de 16 à 23 milliards", "1.6e+10 2.3e+10"},
		{"es", "entre 16.000 y 23.000 millones", "1.6e+10 2.3e+10"},
		{"en", "in 2019, 3 million", "2019 3e+06"},
		{"en", "2 million and 3 million", "2e+06 3e+06"},
		// Amounts: the currency sign does not change the figure.
		{"en", "$1,800 and C$607,280", "1800 607280"},
		{"fr", "1 800 $ et 607 280 $", "1800 607280"},
		{"es", "1.800 $ o US$1.800", "1800 1800"},
		// Years and ranges.
		{"en", "from 1976-2014 and 2015–2019 and mid-2019", "1976 2014 2015 2019 2019"},
		{"en", "the 1990s", "1990"},
		// Ordinals.
		{"en", "the 44th Parliament, 1st, 2nd and 3rd sessions", "44 1 2 3"},
		{"fr", "la 44e législature, 44ᵉ, la 1re, le 1er, la 2ème", "44 44 1 1 2"},
		{"es", "la 44.ª legislatura, el 1.º, 2º", "44 1 2"},
		// Number words.
		{"en", "Twenty-five, two hundred, one million and three thousand", "25 200 1e+06 3000"},
		{"en", "twenty per cent, a six-month permit", "20% 6"},
		{"fr", "deux, quatre-vingt-dix, quatre-vingts, soixante-dix, dix-sept, vingt et un", "2 90 80 70 17 21"},
		{"fr", "trois millions, deux cents, trois pour cent, un million", "3e+06 200 3% 1e+06"},
		{"es", "dos, treinta y dos, veinte, diecisiete, tres millones, un millón, cinco por ciento", "2 32 20 17 3e+06 1e+06 5%"},
		{"es", "once veces", "11"},
		// Not figures: citation markers, links, identifiers, articles, lone multipliers.
		{"en", "as [pbo-household-2024] says [1]", ""},
		{"en", "see [the report](https://example.org/2024/table-3)", ""},
		{"en", "COVID-19, Bill C-12, H1N1, a 3D map, IRCC-2024-QP-00032", ""},
		{"en", "one of them, no one, often, millions of people, thousands", ""},
		{"fr", "un rapport, une étude, des millions de gens, un logement neuf", ""},
		{"es", "un informe, una ley, uno de ellos, miles, millones de personas", ""},
		{"en", "once a year", ""},
		// "Both" said with a number word.
		{"fr", "Les deux médias, les deux millions", "2e+06"},
		{"es", "los dos estudios, las dos leyes", ""},
		{"en", "the two outlets, two outlets", "2"},
		{"fr", "Ces deux études", ""},
		// Decades named in words.
		{"es", "los años noventa, noventa personas", "1990 90"},
		{"fr", "les années soixante-dix", "1970"},
	}
	for _, tt := range tests {
		t.Run(tt.lang+" "+tt.text, func(t *testing.T) {
			if got := shortFigures(Figures(tt.text, tt.lang)); got != tt.want {
				t.Errorf("Figures(%q, %s) = %q, want %q", tt.text, tt.lang, got, tt.want)
			}
		})
	}
}

func TestFigureText(t *testing.T) {
	got := Figures("a record $607,280 in December 2020, up 17.1 % in a year, or 1.3 million", "en")
	var texts []string
	for _, f := range got {
		texts = append(texts, f.Text)
	}
	if want := "607,280|2020|17.1 %|1.3 million"; strings.Join(texts, "|") != want {
		t.Errorf("texts = %q, want %q", strings.Join(texts, "|"), want)
	}
}

func TestFigureSame(t *testing.T) {
	tests := []struct {
		a, b Figure
		want bool
	}{
		{Figure{Value: 1300}, Figure{Value: 1300}, true},
		{Figure{Value: 1.3e6}, Figure{Value: 1300000}, true},
		{Figure{Value: 46, Percent: true}, Figure{Value: 46}, false},
		{Figure{Value: 46, Percent: true}, Figure{Value: 46, Percent: true}, true},
		{Figure{Value: 17.1}, Figure{Value: 17}, false},
		{Figure{Value: 0}, Figure{Value: 0}, true},
	}
	for _, tt := range tests {
		if got := tt.a.Same(tt.b); got != tt.want {
			t.Errorf("%v.Same(%v) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}
