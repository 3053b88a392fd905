package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestDefaultsAreValid(t *testing.T) {
	if err := Default().Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestLoadFileThenEnvironment(t *testing.T) {
	path := filepath.Join(t.TempDir(), "factline.yaml")
	yaml := "log:\n  format: json\nmatch:\n  abstain_below: 0.6\nstore:\n  retention: 7d\nhttp:\n  addr: off\n"
	if err := os.WriteFile(path, []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"FACTLINE_ABSTAIN_BELOW": "0.7", "TELEGRAM_BOT_TOKEN": "123:abc", "FACTLINE_TRUSTED_PROXIES": "10.0.0.1, 10.1.0.0/16"}
	c, err := Load(path, func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if c.Log.Format != "json" || c.Match.AbstainBelow != 0.7 || c.Telegram.Token != "123:abc" || c.HTTP.Addr != "off" {
		t.Errorf("file or environment not applied: %+v", c)
	}
	if c.Store.Retention.D() != 7*24*time.Hour {
		t.Errorf("retention = %v", c.Store.Retention.D())
	}
	if strings.Join(c.HTTP.TrustedProxies, "|") != "10.0.0.1|10.1.0.0/16" {
		t.Errorf("trusted proxies = %q", c.HTTP.TrustedProxies)
	}
	if c.Match.AmbiguityMargin != Default().Match.AmbiguityMargin {
		t.Error("unset values must keep their defaults")
	}
}

func TestPicturesFromFileAndEnvironment(t *testing.T) {
	path := filepath.Join(t.TempDir(), "factline.yaml")
	yaml := "pictures:\n  tesseract: /opt/tesseract/bin/tesseract\n  languages: [eng, deu]\n  max_bytes: 5000000\n  timeout: 5s\n"
	if err := os.WriteFile(path, []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"FACTLINE_OCR_LANGUAGES": "spa, fra", "FACTLINE_PICTURE_MAX_PIXELS": "1000000", "FACTLINE_PICTURES": "false"}
	c, err := Load(path, func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	p := c.Pictures
	if p.Enabled || p.Tesseract != "/opt/tesseract/bin/tesseract" || strings.Join(p.Languages, "+") != "spa+fra" ||
		p.MaxBytes != 5000000 || p.MaxPixels != 1000000 || p.Timeout.D() != 5*time.Second {
		t.Errorf("pictures = %+v", p)
	}
	if d := Default().Pictures; !d.Enabled || strings.Join(d.Languages, "+") != "eng+fra+spa" || d.MaxBytes != 10<<20 {
		t.Error("unset values must keep their defaults")
	}
}

func TestClaimsReloadInPlace(t *testing.T) {
	if got := Default().Claims.ReloadInPlace; got != Auto {
		t.Errorf("default reload_in_place %q, want auto: in place only when two collections would not fit", got)
	}
	path := filepath.Join(t.TempDir(), "factline.yaml")
	// A file written when the setting was a plain true or false still reads.
	if err := os.WriteFile(path, []byte("claims:\n  reload_in_place: true\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		env  string
		want Switch
	}{{"", On}, {"false", Off}, {"0", Off}, {"auto", Auto}, {"AUTO", Auto}} {
		c, err := Load(path, func(k string) string {
			if k == "FACTLINE_CLAIMS_RELOAD_IN_PLACE" {
				return tc.env
			}
			return ""
		})
		if err != nil {
			t.Fatal(err)
		}
		if c.Claims.ReloadInPlace != tc.want {
			t.Errorf("FACTLINE_CLAIMS_RELOAD_IN_PLACE=%q over the file's true: %q, want %q", tc.env, c.Claims.ReloadInPlace, tc.want)
		}
	}
	_, err := Load(path, func(k string) string {
		if k == "FACTLINE_CLAIMS_RELOAD_IN_PLACE" {
			return "sometimes"
		}
		return ""
	})
	if err == nil || !strings.Contains(err.Error(), "FACTLINE_CLAIMS_RELOAD_IN_PLACE") || !strings.Contains(err.Error(), "auto, true or false") {
		t.Errorf("a value that is neither auto, true nor false: %v", err)
	}
}

func TestMemoryLimit(t *testing.T) {
	if got := Default().MemoryLimit; got != 350<<20 {
		t.Errorf("default memory_limit %d, want 350 MiB", got)
	}
	dir := t.TempDir()
	for _, tc := range []struct {
		yaml, env string
		want      ByteSize
		err       string
	}{
		{yaml: "1GiB", want: 1 << 30},
		{yaml: "367001600", want: 367001600},
		{yaml: "off", want: 0},
		{yaml: "1GiB", env: "200MiB", want: 200 << 20},
		{env: "512KiB", want: 512 << 10},
		{env: "off", want: 0},
		{env: "0", want: 0},
		{env: "350MB", err: "FACTLINE_MEMORY_LIMIT"},
		{env: "-1MiB", err: "FACTLINE_MEMORY_LIMIT"},
		{env: "99999999TiB", err: "FACTLINE_MEMORY_LIMIT"},
		{yaml: "lots", err: "line 1"},
	} {
		path := ""
		if tc.yaml != "" {
			path = filepath.Join(dir, "factline.yaml")
			if err := os.WriteFile(path, []byte("memory_limit: "+tc.yaml+"\n"), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		c, err := Load(path, func(k string) string {
			if k == "FACTLINE_MEMORY_LIMIT" {
				return tc.env
			}
			return ""
		})
		switch {
		case tc.err != "":
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("yaml %q env %q: error %v, want one naming %s", tc.yaml, tc.env, err, tc.err)
			}
		case err != nil:
			t.Errorf("yaml %q env %q: %v", tc.yaml, tc.env, err)
		case c.MemoryLimit != tc.want:
			t.Errorf("yaml %q env %q: %d bytes, want %d", tc.yaml, tc.env, c.MemoryLimit, tc.want)
		}
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name string
		path string
		env  map[string]string
		want string
	}{
		{"missing file", filepath.Join(dir, "nope.yaml"), nil, "no such file"},
		{"unknown key", write("unknown.yaml", "lgo:\n  format: json\n"), nil, "field lgo not found"},
		{"bad duration", write("dur.yaml", "store:\n  retention: forever\n"), nil, `duration "forever"`},
		{"bad level", "", map[string]string{"FACTLINE_LOG_LEVEL": "loud"}, `log.level "loud"`},
		{"bad number", "", map[string]string{"DISCORD_SHARD_COUNT": "two"}, "DISCORD_SHARD_COUNT"},
		{"bad bool", "", map[string]string{"FACTLINE_KEEP_UNANSWERED": "sometimes"}, "use true or false"},
		{"bad shard", "", map[string]string{"DISCORD_SHARD_ID": "2", "DISCORD_SHARD_COUNT": "2"}, "shard_id < shard_count"},
		{"llm without server", "", map[string]string{"FACTLINE_LLM_MODE": "rephrase"}, "needs llm.base_url"},
		{"judge without paraphrases", "", map[string]string{"FACTLINE_LLM_JUDGE": "true"}, "llm.judge judges paraphrases"},
		{"webhook without secret", "", map[string]string{"TELEGRAM_WEBHOOK_URL": "https://bot.example.org/hook"}, "webhook_secret is required"},
		{"telegram endpoint", "", map[string]string{"TELEGRAM_API_ENDPOINT": "http://localhost:8081/bot"}, "two %s"},
		{"telegram file endpoint", "", map[string]string{"TELEGRAM_FILE_ENDPOINT": "http://localhost:8081/file/%s"}, "file_endpoint"},
		{"database url", "", map[string]string{"FACTLINE_DATABASE_URL": "mysql://x"}, "postgres://"},
		{"threshold range", "", map[string]string{"FACTLINE_ABSTAIN_BELOW": "1.5"}, "between 0 and 1"},
		{"picture size", "", map[string]string{"FACTLINE_PICTURE_MAX_BYTES": "0"}, "pictures.max_bytes"},
		{"ocr language", "", map[string]string{"FACTLINE_OCR_LANGUAGES": "eng,-c tessedit_write_images=1"}, "pictures.languages"},
		{"ocr timeout", "", map[string]string{"FACTLINE_OCR_TIMEOUT": "0s"}, "pictures.timeout"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(tt.path, func(k string) string { return tt.env[k] })
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
}

func TestParseDuration(t *testing.T) {
	for in, want := range map[string]time.Duration{"30d": 30 * 24 * time.Hour, "90s": 90 * time.Second, "0": 0, "1h30m": 90 * time.Minute, "12mo": 8765*time.Hour + 49*time.Minute + 12*time.Second, "0mo": 0} {
		got, err := ParseDuration(in)
		if err != nil || got.D() != want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v", in, got.D(), err, want)
		}
	}
	for _, in := range []string{"d", "-3d", "1.5d", "soon", "mo", "1.5mo", "-1mo"} {
		if _, err := ParseDuration(in); err == nil {
			t.Errorf("ParseDuration(%q) accepted", in)
		}
	}
}

// TestREADMEDocumentsEveryVariable keeps the README's configuration table true.
func TestREADMEDocumentsEveryVariable(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range Vars {
		if !strings.Contains(string(readme), "`"+v.Name+"`") {
			t.Errorf("README does not document %s", v.Name)
		}
	}
}
