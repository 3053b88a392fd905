package bot

import "testing"

func TestCleanPictureText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"screenshot header, time and action bar go",
			"O) Sylvie Q. @sylvie_qc_libre : 1h\n\nRefugees get more money every month than our seniors who worked 40\nyears. Share if you agree #Canada #cdnpoli\n\n6:26 PM : Mar 4, 2025 : 17.6K Views\n\nReply 400 Repost 9.1K Like 12.7K Share\n",
			"Refugees get more money every month than our seniors who worked 40 years. Share if you agree Canada cdnpoli"},
		{"a handle read as ®, in a French header",
			"CanadaFirst ®CanadaFirst_2025 ° 3h\n\nLes sans-papiers sont des criminels\n",
			"Les sans-papiers sont des criminels"},
		{"a meme's top and bottom halves join, stray strokes go",
			"_ LES , IMMIGRANTS AMÈNENT\n\nLA CRIMINALITE DANS NOS\n\n— |\nQUARTIERS\n",
			"LES IMMIGRANTS AMÈNENT LA CRIMINALITE DANS NOS QUARTIERS"},
		{"a header whose @ OCR lost",
			"patriot_dave : 3h\nImmigrants come here and take\nour jobs! Share if you agree",
			"Immigrants come here and take our jobs! Share if you agree"},
		{"run-together hashtags split on case",
			"Wake up people #HousingCrisis #RefugeesGetMore",
			"Wake up people Housing Crisis Refugees Get More"},
		{"digits read inside words become letters; numbers stay",
			"THEY TAKE 0UR J0BS. 100 M1LLION BY 2100, COVID19 G7",
			"THEY TAKE OUR JOBS. 100 MILLION BY 2100, COVID19 G7"},
		{"hyphenated line ends and ligatures",
			"immigrants take our bene-\nﬁts and jobs",
			"immigrants take our benefits and jobs"},
		{"a handle inside a sentence goes, the sentence stays",
			"as @someone said, they get free hotels",
			"as said, they get free hotels"},
		{"lines that end a sentence stay apart",
			"THEY TAKE OUR JOBS.\nSHARE IF YOU AGREE",
			"THEY TAKE OUR JOBS.\nSHARE IF YOU AGREE"},
		{"a small 1 is an l, a leading digit before small letters is a number",
			"the 3rd time they te1l us",
			"the 3rd time they tell us"},
		{"share inside a sentence stays",
			"SHARE IF YOU AGREE",
			"SHARE IF YOU AGREE"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cleanPictureText(tt.in); got != tt.want {
				t.Errorf("cleanPictureText(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestReadableLetters(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"", 0},
		{"©  —_ | 4 Ly) ZA", 0},
		{"nrg xt ZZ", 0},
		{"the cat", 6},
		{"RALLY FOR PUBLIC TRANSIT", 21},
	}
	for _, tt := range tests {
		if got := readableLetters(tt.in); got != tt.want {
			t.Errorf("readableLetters(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}
