// Package config is factline's typed configuration: defaults in Go, an optional YAML file, and
// environment overrides. Only main reads it; every component receives plain values.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"factline/bot"
	"factline/bot/reviews"
)

// Config is the whole configuration. YAML keys are the snake_case names in the struct tags.
type Config struct {
	// Facts is a fact-base folder that replaces the built-in base; "" uses the built-in one.
	Facts  string `yaml:"facts"`
	Log    Log    `yaml:"log"`
	Match  Match  `yaml:"match"`
	Lint   Lint   `yaml:"lint"`
	Limits Limits `yaml:"limits"`
	HTTP   HTTP   `yaml:"http"`
	// Telegram, Discord: a surface is enabled by its token.
	Telegram Telegram `yaml:"telegram"`
	Discord  Discord  `yaml:"discord"`
	LLM      LLM      `yaml:"llm"`
	Store    Store    `yaml:"store"`
	Claims   Claims   `yaml:"claims"`
	// FactCheck is the optional live lookup of professional fact-checks, enabled by its key.
	FactCheck FactCheck `yaml:"factcheck"`
	Pictures  Pictures  `yaml:"pictures"`
	// MemoryLimit is the soft memory limit serve runs under (the Go runtime's, which collects
	// harder as the heap nears it); 0 sets none, and GOMEMLIMIT in the environment wins.
	MemoryLimit ByteSize `yaml:"memory_limit"`
}

// Log configures the structured logs.
type Log struct {
	// Format is "text" or "json".
	Format string `yaml:"format"`
	// Level is "debug", "info", "warn" or "error".
	Level string `yaml:"level"`
}

// Match configures when the bot answers, offers a choice, or abstains.
type Match struct {
	AbstainBelow    float64 `yaml:"abstain_below"`
	AmbiguityMargin float64 `yaml:"ambiguity_margin"`
	// SuggestAbove: when no myth reaches AbstainBelow but the chance that the right one is among
	// the first three candidates is at or above it, the bot offers them to choose from; 0 turns
	// suggestions off.
	SuggestAbove float64 `yaml:"suggest_above"`
	// AutoAbove is AbstainBelow for messages the bot only overheard (a group in auto mode).
	AutoAbove float64 `yaml:"auto_above"`
	// MaxQuestion is the longest question accepted, in characters.
	MaxQuestion int `yaml:"max_question"`
	// ReloadEvery is how often a --facts folder is checked for changes; 0 turns watching off (SIGHUP still reloads).
	ReloadEvery Duration `yaml:"reload_every"`
}

// Lint configures the fact-base checks.
type Lint struct {
	// MaxReviewAge: myths reviewed longer ago than this get a warning.
	MaxReviewAge Duration `yaml:"max_review_age"`
}

// Limits are the per-asker and per-chat rate limits: a burst, then one request per interval.
type Limits struct {
	UserEvery Duration `yaml:"user_every"`
	UserBurst int      `yaml:"user_burst"`
	ChatEvery Duration `yaml:"chat_every"`
	ChatBurst int      `yaml:"chat_burst"`
}

// HTTP configures the web page and API.
type HTTP struct {
	// Addr is the listen address; "off" disables the web surface.
	Addr string `yaml:"addr"`
	// PublicURL is where the site is published, used in permalinks and ClaimReview; "" derives it from requests.
	PublicURL string `yaml:"public_url"`
	// TrustedProxies are the addresses (IPs or CIDRs) whose X-Forwarded-For is believed.
	TrustedProxies []string `yaml:"trusted_proxies"`
}

// Telegram configures the Telegram adapter.
type Telegram struct {
	Token string `yaml:"token"`
	// APIEndpoint is the Bot API URL pattern, "https://api.telegram.org/bot%s/%s" by default.
	APIEndpoint string `yaml:"api_endpoint"`
	// FileEndpoint is the file download URL pattern (token, file path) for pictures; "" follows
	// the host of APIEndpoint: …/file/bot%s/%s.
	FileEndpoint string `yaml:"file_endpoint"`
	// WebhookURL switches from long polling to a webhook at this public URL.
	WebhookURL string `yaml:"webhook_url"`
	// WebhookAddr is where the webhook listener binds.
	WebhookAddr string `yaml:"webhook_addr"`
	// WebhookSecret is checked against the X-Telegram-Bot-Api-Secret-Token header.
	WebhookSecret string `yaml:"webhook_secret"`
}

// Discord configures the Discord adapter.
type Discord struct {
	Token      string `yaml:"token"`
	AppID      string `yaml:"app_id"`
	APIBase    string `yaml:"api_base"`
	GuildID    string `yaml:"guild_id"`
	ShardID    int    `yaml:"shard_id"`
	ShardCount int    `yaml:"shard_count"`
}

// LLM configures the optional language model.
type LLM struct {
	BaseURL string `yaml:"base_url"`
	APIKey  string `yaml:"api_key"`
	Model   string `yaml:"model"`
	// Mode is "off", "translate" (only languages the base lacks) or "rephrase".
	Mode         string   `yaml:"mode"`
	Timeout      Duration `yaml:"timeout"`
	MaxTokens    int      `yaml:"max_tokens"`
	SendQuestion bool     `yaml:"send_question"`
	// EmbeddingsModel enables semantic matching with this embeddings model.
	EmbeddingsModel string `yaml:"embeddings_model"`
	// Judge asks the model a second time whether each paraphrase that passed the guards is
	// faithful; anything but a clear yes falls back to the curated text.
	Judge bool `yaml:"judge"`
}

// Store configures what is remembered and where.
type Store struct {
	// DataDir holds factline.db, the install secret and cached embeddings. Load defaults it to
	// $XDG_DATA_HOME/factline or ~/.local/share/factline.
	DataDir string `yaml:"data_dir"`
	// DatabaseURL selects PostgreSQL instead of SQLite.
	DatabaseURL string `yaml:"database_url"`
	// KeepUnanswered keeps scrubbed unanswered questions for Retention.
	KeepUnanswered bool     `yaml:"keep_unanswered"`
	Retention      Duration `yaml:"retention"`
}

// Claims configures the second tier: professional fact-checks imported with
// `factline claims import`, which answer when no curated myth does.
type Claims struct {
	// Publishers is the allow-list of fact-checkers' sites whose reviews may answer
	// ("factuel.afp.com"); empty allows every imported one.
	Publishers []string `yaml:"publishers"`
	// MaxAge leaves reviews published longer ago than this out of the answers; 0 keeps all.
	MaxAge Duration `yaml:"max_age"`
	// Threshold is the confidence from which a review answers (calibrated on CheckThat! 2A).
	Threshold float64 `yaml:"threshold"`
	// ReloadInPlace says whether serve drops the loaded collection before reading and indexing a
	// changed one, so that a reload needs no more memory than the first load; meanwhile the
	// collection answers nothing. Auto, the default, does so only when the loaded collection
	// and a second one being built would not fit under MemoryLimit (at 200,000 reviews, two
	// indexes do not fit in 400 MB); otherwise the old collection answers until the new one
	// replaces it.
	ReloadInPlace Switch `yaml:"reload_in_place"`
}

// FactCheck configures the live lookup in Google's Fact Check Tools API, asked when neither the
// curated base nor the imported collection answers a question someone is waiting on. It is sent
// the scrubbed question and its language, never anything about the asker.
type FactCheck struct {
	// APIKey enables the lookup ("" leaves it off, the default).
	APIKey string `yaml:"api_key"`
	// Endpoint is the claims:search URL (tests and proxies change it).
	Endpoint string `yaml:"endpoint"`
	// Timeout bounds each lookup.
	Timeout Duration `yaml:"timeout"`
}

// Pictures configures reading the text of pictures (memes, screenshots) with Tesseract OCR.
type Pictures struct {
	// Enabled reads pictures when Tesseract is installed; false refuses them everywhere.
	Enabled bool `yaml:"enabled"`
	// Tesseract is the tesseract executable, a path or a name looked up in PATH.
	Tesseract string `yaml:"tesseract"`
	// Languages are Tesseract's language codes, all tried at once.
	Languages []string `yaml:"languages"`
	// MaxBytes, MaxPixels and MaxSide refuse larger pictures, the last two before decoding.
	MaxBytes  int `yaml:"max_bytes"`
	MaxPixels int `yaml:"max_pixels"`
	MaxSide   int `yaml:"max_side"`
	// Timeout bounds the reading of one picture.
	Timeout Duration `yaml:"timeout"`
	// Concurrent is how many pictures are read at once (one core each); 0 means one per CPU.
	Concurrent int `yaml:"concurrent"`
}

// Default returns the configuration used when nothing is set. The answer policy and the rate
// limits are the bot's own defaults, which its tests calibrate.
func Default() Config {
	pol, lim := bot.DefaultPolicy(), bot.DefaultLimits()
	return Config{
		Log: Log{Format: "text", Level: "info"},
		Match: Match{AbstainBelow: pol.AbstainBelow, AmbiguityMargin: pol.AmbiguityMargin, MaxQuestion: pol.MaxQuestion,
			SuggestAbove: pol.SuggestAbove, AutoAbove: pol.OverheardBelow,
			ReloadEvery: Duration(2 * time.Second)},
		Lint: Lint{MaxReviewAge: Duration(365 * 24 * time.Hour)},
		Limits: Limits{UserEvery: Duration(lim.UserPer), UserBurst: lim.UserBurst,
			ChatEvery: Duration(lim.ChatPer), ChatBurst: lim.ChatBurst},
		HTTP: HTTP{Addr: "localhost:8080"},
		Telegram: Telegram{
			APIEndpoint: "https://api.telegram.org/bot%s/%s",
			WebhookAddr: ":8443",
		},
		Discord:   Discord{APIBase: "https://discord.com", ShardCount: 1},
		LLM:       LLM{Mode: "off", Timeout: Duration(8 * time.Second), MaxTokens: 700, SendQuestion: true},
		Store:     Store{KeepUnanswered: true, Retention: Duration(30 * 24 * time.Hour)},
		Claims:    Claims{Threshold: reviews.DefaultThreshold, ReloadInPlace: Auto},
		FactCheck: FactCheck{Endpoint: "https://factchecktools.googleapis.com/v1alpha1/claims:search", Timeout: Duration(3 * time.Second)},
		// The limits are those of the picture reader (adapters/ocr), which config may not import.
		Pictures: Pictures{Enabled: true, Tesseract: "tesseract", Languages: []string{"eng", "fra", "spa"},
			MaxBytes: 10 << 20, MaxPixels: 50_000_000, MaxSide: 20_000, Timeout: Duration(15 * time.Second)},
		MemoryLimit: DefaultMemoryLimit,
	}
}

// DefaultMemoryLimit keeps serve under 400 MB resident with 200,000 professional fact-checks
// loaded, reloads included (the Go runtime's own memory and the program's code come on top of
// the limit: about 20 MB).
const DefaultMemoryLimit = 350 << 20

// Load returns the defaults, overlaid with the YAML file at path (if path is not ""), then with the
// environment as read by getenv. Unknown YAML keys and malformed values are errors.
func Load(path string, getenv func(string) string) (Config, error) {
	c := Default()
	if path != "" {
		data, err := os.ReadFile(path)
		if err != nil {
			return c, fmt.Errorf("read config: %w", err)
		}
		dec := yaml.NewDecoder(bytes.NewReader(data))
		dec.KnownFields(true)
		if err := dec.Decode(&c); err != nil && !errors.Is(err, io.EOF) {
			return c, fmt.Errorf("config %s: %w", path, err)
		}
	}
	for _, v := range Vars {
		if s := getenv(v.Name); s != "" {
			if err := v.set(&c, s); err != nil {
				return c, fmt.Errorf("environment %s=%q: %w", v.Name, s, err)
			}
		}
	}
	if c.Store.DataDir == "" {
		c.Store.DataDir = defaultDataDir(getenv)
	}
	return c, c.Validate()
}

// Validate reports the first setting that cannot work, naming it.
func (c Config) Validate() error {
	var errs []error
	check := func(ok bool, format string, args ...any) {
		if !ok {
			errs = append(errs, fmt.Errorf(format, args...))
		}
	}
	check(slices.Contains([]string{"text", "json"}, c.Log.Format), "log.format %q: use text or json", c.Log.Format)
	check(slices.Contains([]string{"debug", "info", "warn", "error"}, c.Log.Level), "log.level %q: use debug, info, warn or error", c.Log.Level)
	check(c.Match.AbstainBelow >= 0 && c.Match.AbstainBelow <= 1, "match.abstain_below %v: must be between 0 and 1", c.Match.AbstainBelow)
	check(c.Match.AmbiguityMargin >= 0 && c.Match.AmbiguityMargin <= 1, "match.ambiguity_margin %v: must be between 0 and 1", c.Match.AmbiguityMargin)
	check(c.Match.SuggestAbove >= 0 && c.Match.SuggestAbove <= c.Match.AbstainBelow,
		"match.suggest_above %v: must be between 0 and match.abstain_below (%v)", c.Match.SuggestAbove, c.Match.AbstainBelow)
	check(c.Match.AutoAbove >= c.Match.AbstainBelow && c.Match.AutoAbove <= 1,
		"match.auto_above %v: must be between match.abstain_below (%v) and 1: an overheard message needs at least the confidence of a question", c.Match.AutoAbove, c.Match.AbstainBelow)
	check(c.Match.MaxQuestion > 0, "match.max_question must be positive")
	check(c.Limits.UserBurst >= 0 && c.Limits.ChatBurst >= 0, "limits: bursts cannot be negative")
	check(strings.Count(c.Telegram.APIEndpoint, "%s") == 2, "telegram.api_endpoint %q: must contain two %%s, for the token and the method", c.Telegram.APIEndpoint)
	check(c.Telegram.FileEndpoint == "" || strings.Count(c.Telegram.FileEndpoint, "%s") == 2, "telegram.file_endpoint %q: must contain two %%s, for the token and the file path", c.Telegram.FileEndpoint)
	check(c.Telegram.WebhookURL == "" || c.Telegram.WebhookSecret != "", "telegram.webhook_secret is required with a webhook, so forged updates are refused")
	check(isURL(c.Discord.APIBase), "discord.api_base %q: must be an http(s) URL", c.Discord.APIBase)
	check(c.Discord.ShardCount >= 1 && c.Discord.ShardID >= 0 && c.Discord.ShardID < c.Discord.ShardCount, "discord shard %d of %d: need 0 <= shard_id < shard_count", c.Discord.ShardID, c.Discord.ShardCount)
	check(slices.Contains([]string{"off", "translate", "rephrase"}, c.LLM.Mode), "llm.mode %q: use off, translate or rephrase", c.LLM.Mode)
	check(c.LLM.Mode == "off" || c.LLM.BaseURL != "" && c.LLM.Model != "", "llm.mode %s needs llm.base_url (OPENAI_BASE_URL) and llm.model (FACTLINE_LLM_MODEL)", c.LLM.Mode)
	check(c.LLM.BaseURL == "" || isURL(c.LLM.BaseURL), "llm.base_url %q: must be an http(s) URL", c.LLM.BaseURL)
	check(c.LLM.Timeout > 0, "llm.timeout must be positive")
	check(!c.LLM.Judge || c.LLM.Mode != "off", "llm.judge judges paraphrases: it needs llm.mode translate or rephrase (FACTLINE_LLM_MODE)")
	check(c.Store.Retention > 0, "store.retention must be positive")
	check(c.Claims.Threshold > 0 && c.Claims.Threshold <= 1, "claims.threshold %v: must be above 0 and at most 1", c.Claims.Threshold)
	check(c.Claims.MaxAge >= 0, "claims.max_age cannot be negative")
	check(slices.Contains([]Switch{Auto, On, Off}, c.Claims.ReloadInPlace), "claims.reload_in_place %q: use auto, true or false", c.Claims.ReloadInPlace)
	check(c.MemoryLimit >= 0, "memory_limit cannot be negative")
	check(isURL(c.FactCheck.Endpoint), "factcheck.endpoint %q: must be an http(s) URL", c.FactCheck.Endpoint)
	check(c.FactCheck.Timeout > 0, "factcheck.timeout must be positive")
	check(c.Store.DatabaseURL == "" || strings.HasPrefix(c.Store.DatabaseURL, "postgres://") || strings.HasPrefix(c.Store.DatabaseURL, "postgresql://"),
		"store.database_url: must start with postgres://")
	check(c.Pictures.MaxBytes > 0 && c.Pictures.MaxPixels > 0 && c.Pictures.MaxSide > 0, "pictures.max_bytes, max_pixels and max_side must be positive")
	check(c.Pictures.Timeout > 0, "pictures.timeout must be positive")
	check(c.Pictures.Concurrent >= 0, "pictures.concurrent cannot be negative")
	check(!c.Pictures.Enabled || c.Pictures.Tesseract != "", "pictures.tesseract: name the tesseract executable, or set pictures.enabled false")
	check(!c.Pictures.Enabled || len(c.Pictures.Languages) > 0 && !slices.ContainsFunc(c.Pictures.Languages, func(l string) bool { return !tessLang.MatchString(l) }),
		"pictures.languages %q: give Tesseract language codes such as eng, fra, spa", c.Pictures.Languages)
	return errors.Join(errs...)
}

// tessLang is a Tesseract language code ("eng", "chi_sim"): it is passed to tesseract as an
// argument, so nothing else is let through.
var tessLang = regexp.MustCompile(`^[a-z]{3}(?:_[a-z]+)?$`)

// defaultDataDir follows the XDG base directories: $XDG_DATA_HOME/factline, else
// ~/.local/share/factline; "" when neither variable is set (nothing can be kept).
func defaultDataDir(getenv func(string) string) string {
	switch {
	case getenv("XDG_DATA_HOME") != "":
		return filepath.Join(getenv("XDG_DATA_HOME"), "factline")
	case getenv("HOME") != "":
		return filepath.Join(getenv("HOME"), ".local", "share", "factline")
	}
	return ""
}

func isURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// Duration is a time.Duration written as Go durations ("90s", "8h"), in days ("30d") or in
// months ("12mo").
type Duration time.Duration

// Month is the average Gregorian month (365.2425 days / 12), so that 12mo is a year to the hour.
const Month = 2629746 * time.Second

// ParseDuration parses "30d" as 30 days, "12mo" as 12 average months, and anything else as
// time.ParseDuration does.
func ParseDuration(s string) (Duration, error) {
	if m, ok := strings.CutSuffix(s, "mo"); ok {
		n, err := strconv.Atoi(m)
		if err != nil || n < 0 {
			return 0, fmt.Errorf("duration %q: write months as a whole number, e.g. 12mo", s)
		}
		return Duration(time.Duration(n) * Month), nil
	}
	if d, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(d)
		if err != nil || n < 0 {
			return 0, fmt.Errorf("duration %q: write days as a whole number, e.g. 30d", s)
		}
		return Duration(time.Duration(n) * 24 * time.Hour), nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("duration %q: use a number with a unit: 30s, 5m, 8h, 30d, 12mo", s)
	}
	return Duration(d), nil
}

// UnmarshalYAML reads a Duration from a string.
func (d *Duration) UnmarshalYAML(n *yaml.Node) error {
	v, err := ParseDuration(n.Value)
	if err != nil {
		return fmt.Errorf("line %d: %w", n.Line, err)
	}
	*d = v
	return nil
}

// D returns d as a time.Duration.
func (d Duration) D() time.Duration { return time.Duration(d) }

// Switch is a setting that is on, off, or left to factline to decide (auto).
type Switch string

// The values of a Switch.
const (
	Auto Switch = "auto"
	On   Switch = "true"
	Off  Switch = "false"
)

// ParseSwitch reads "auto", or true or false as strconv.ParseBool writes them.
func ParseSwitch(s string) (Switch, error) {
	if strings.EqualFold(s, string(Auto)) {
		return Auto, nil
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		return "", fmt.Errorf("%q: use auto, true or false", s)
	}
	if b {
		return On, nil
	}
	return Off, nil
}

// UnmarshalYAML reads a Switch from auto, true or false.
func (s *Switch) UnmarshalYAML(n *yaml.Node) error {
	v, err := ParseSwitch(n.Value)
	if err != nil {
		return fmt.Errorf("line %d: %w", n.Line, err)
	}
	*s = v
	return nil
}

// ByteSize is an amount of memory, written as GOMEMLIMIT writes it: a whole number of bytes,
// or with a unit, B, KiB, MiB, GiB or TiB ("350MiB"); "off" is 0.
type ByteSize int64

// byteUnits are the units a ByteSize may be written in, largest first.
var byteUnits = []struct {
	suffix string
	bytes  int64
}{{"TiB", 1 << 40}, {"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"B", 1}}

// ParseByteSize reads "350MiB", "1GiB", "367001600" or "off".
func ParseByteSize(s string) (ByteSize, error) {
	if s == "off" {
		return 0, nil
	}
	num, unit := s, int64(1)
	for _, u := range byteUnits {
		if n, ok := strings.CutSuffix(s, u.suffix); ok {
			num, unit = n, u.bytes
			break
		}
	}
	n, err := strconv.ParseInt(strings.TrimSpace(num), 10, 64)
	if err != nil || n < 0 || n > math.MaxInt64/unit {
		return 0, fmt.Errorf("size %q: use a whole number with a unit, B, KiB, MiB, GiB or TiB (350MiB), or off", s)
	}
	return ByteSize(n * unit), nil
}

// UnmarshalYAML reads a ByteSize from "350MiB", a number of bytes or off.
func (b *ByteSize) UnmarshalYAML(n *yaml.Node) error {
	v, err := ParseByteSize(n.Value)
	if err != nil {
		return fmt.Errorf("line %d: %w", n.Line, err)
	}
	*b = v
	return nil
}
