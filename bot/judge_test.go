package bot

import "testing"

func TestClearYes(t *testing.T) {
	tests := []struct {
		reply   string
		yes, no bool
	}{
		{"yes", true, false}, {"Yes.", true, false}, {" YES \n", true, false}, {`"yes"`, true, false}, {"**Yes**", true, false},
		{"no", false, true}, {"No.", false, true},
		{"Yes, but it adds a claim.", false, false}, {"Mostly yes", false, false}, {"yes/no", false, false},
		{"Oui", false, false}, {"", false, false}, {"The paraphrase is faithful.", false, false}, {"yes yes", false, false},
	}
	for _, tt := range tests {
		if got := clearYes(tt.reply); got != tt.yes {
			t.Errorf("clearYes(%q) = %v, want %v", tt.reply, got, tt.yes)
		}
		if got := clearNo(tt.reply); got != tt.no {
			t.Errorf("clearNo(%q) = %v, want %v", tt.reply, got, tt.no)
		}
	}
}
