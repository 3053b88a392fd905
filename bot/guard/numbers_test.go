package guard

import (
	"errors"
	"testing"
)

func TestNumbers(t *testing.T) {
	const housingEN = "In 2020 Canada admitted 184,624 immigrants, almost half the 2019 number, and the population grew just 0.4%. " +
		"The average home price reached a record $607,280, up 17.1% in a year [3]. Immigrants are 23% of builders."
	const fiscalFR = "environ 6 000 $ par immigrant récent, soit 16 à 23 milliards de dollars par an ; deux études"
	tests := []struct {
		name, output, lang, curated, curatedLang string
		ok                                       bool
	}{
		{"same numbers reworded", "Canada let in 184,624 immigrants in 2020, and prices still rose 17.1% [3].", "en", housingEN, "en", true},
		{"french grouping of thousands", "En 2020, le Canada a admis 184 624 immigrants ; le prix moyen a atteint 607 280 $.", "fr", housingEN, "en", true},
		{"no-break space grouping", "184\u00a0624 immigrants et 607\u202f280 $", "fr", housingEN, "en", true},
		{"dot grouping", "184.624 inmigrantes", "es", housingEN, "en", true},
		{"decimal comma", "la población creció apenas un 0,4 % y los precios un 17,1 %", "es", housingEN, "en", true},
		{"percent written out", "prices rose 17.1 per cent", "en", housingEN, "en", true},
		{"invented number", "Canada admitted 250,000 immigrants in 2020.", "en", housingEN, "en", false},
		{"invented year", "In 2021 prices reached a record.", "en", housingEN, "en", false},
		{"changed percentage", "prices rose 17.5% in a year", "en", housingEN, "en", false},
		{"number made a percentage", "immigrants are 2019% of builders", "en", housingEN, "en", false},
		{"invented citation number", "prices rose [4]", "en", housingEN, "en", false},
		{"spelled-out invented number", "Immigrants are twenty-five percent of builders.", "en", housingEN, "en", false},
		{"spelled-out matching number", "Immigrants are twenty-three percent of builders.", "en", housingEN, "en", true},
		{"french spelled-out matching", "Les immigrants forment vingt-trois pour cent des constructeurs.", "fr", housingEN, "en", true},
		{"spanish spelled-out matching", "Los inmigrantes son el veintitrés por ciento de los constructores.", "es", housingEN, "en", true},
		{"spanish spelled-out invented", "Los inmigrantes son el treinta y tres por ciento.", "es", housingEN, "en", false},
		{"articles are not numbers", "One of the reasons: un logement, una casa, no one knows.", "en", housingEN, "en", true},
		{"billions translated from milliards", "about $6,000 per recent immigrant, or $16 billion to $23 billion a year; two studies", "en", fiscalFR, "fr", true},
		{"spanish mil millones", "entre 16 y 23 mil millones de dólares", "es", fiscalFR, "fr", true},
		{"wrong scale", "about $23 million a year", "en", fiscalFR, "fr", false},
		{"spelled scale alone invented", "millions of immigrants", "en", housingEN, "en", false},
		{"arabic-indic digits", "في عام ٢٠٢٠ قبلت كندا ١٨٤٬٦٢٤ مهاجرًا", "ar", housingEN, "en", true},
		{"arabic-indic invented", "في عام ٢٠٢١", "ar", housingEN, "en", false},
		{"gurmukhi digits", "੨੦੨੦ ਵਿੱਚ", "pa", housingEN, "en", true},
		{"year next to a number", "2020 184,624", "en", housingEN, "en", true},
		{"number word in curated matches digits", "2 studies", "en", fiscalFR, "fr", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Numbers(tt.output, tt.lang, tt.curated, tt.curatedLang)
			if (err == nil) != tt.ok {
				t.Fatalf("Numbers(%q) = %v, want ok=%v", tt.output, err, tt.ok)
			}
			var v *Violation
			if err != nil && (!errors.As(err, &v) || v.Reason != ReasonNumber) {
				t.Errorf("error %v is not a %s violation", err, ReasonNumber)
			}
		})
	}
}

func TestReadNumber(t *testing.T) {
	tests := []struct {
		in   string
		want []float64
	}{
		{"1890", []float64{1890}},
		{"1,890", []float64{1890, 1.89}},
		{"1.890", []float64{1890, 1.89}},
		{"0.4", []float64{0.4}},
		{"0,4", []float64{0.4}},
		{"1,234,567", []float64{1234567}},
		{"1.234.567", []float64{1234567}},
		{"1,234.5", []float64{1234.5}},
		{"1.234,5", []float64{1234.5}},
		{"12,34", []float64{12.34}},
		{"1,2,3", nil},
	}
	for _, tt := range tests {
		got := readNumber(tt.in)
		if len(got) != len(tt.want) {
			t.Errorf("readNumber(%q) = %v, want %v", tt.in, got, tt.want)
			continue
		}
		for i := range got {
			if key(got[i]) != key(tt.want[i]) {
				t.Errorf("readNumber(%q) = %v, want %v", tt.in, got, tt.want)
			}
		}
	}
}

func TestSpelledNumbers(t *testing.T) {
	tests := []struct {
		text, lang string
		want       float64
	}{
		{"twenty-three", "en", 23},
		{"three hundred and twelve", "en", 312},
		{"two million", "en", 2e6},
		{"quatre-vingt-dix", "fr", 90},
		{"vingt et un", "fr", 21},
		{"deux mille trois cents", "fr", 2300},
		{"cent mille", "fr", 1e5},
		{"treinta y tres", "es", 33},
		{"tres millones quinientos mil", "es", 3.5e6},
		{"mil millones", "es", 1e9},
		{"veintitres", "es", 23},
	}
	for _, tt := range tests {
		ms := scanNumbers(tt.text, tt.lang)
		if len(ms) != 1 || len(ms[0].values) != 1 || ms[0].values[0] != tt.want {
			t.Errorf("scanNumbers(%q, %s) = %+v, want one number %v", tt.text, tt.lang, ms, tt.want)
		}
	}
}
