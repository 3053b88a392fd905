package config

import (
	"errors"
	"strconv"
	"strings"
)

// Var is one environment variable that overrides a setting.
type Var struct {
	Name string
	// Key is the YAML key it overrides, for documentation.
	Key  string
	Help string
	set  func(c *Config, v string) error
}

// setter returns a Var's set function: parse the text, store it where field points.
func setter[T any](parse func(string) (T, error), field func(*Config) *T) func(*Config, string) error {
	return func(c *Config, v string) error {
		x, err := parse(v)
		if err != nil {
			return err
		}
		*field(c) = x
		return nil
	}
}

func str(field func(*Config) *string) func(*Config, string) error {
	return setter(func(v string) (string, error) { return v, nil }, field)
}

func num(field func(*Config) *int) func(*Config, string) error {
	return setter(func(v string) (int, error) {
		n, err := strconv.Atoi(v)
		if err != nil {
			return 0, errors.New("not a whole number")
		}
		return n, nil
	}, field)
}

func ratio(field func(*Config) *float64) func(*Config, string) error {
	return setter(func(v string) (float64, error) {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return 0, errors.New("not a number")
		}
		return f, nil
	}, field)
}

func flag(field func(*Config) *bool) func(*Config, string) error {
	return setter(func(v string) (bool, error) {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return false, errors.New("use true or false")
		}
		return b, nil
	}, field)
}

func dur(field func(*Config) *Duration) func(*Config, string) error {
	return setter(ParseDuration, field)
}

func list(field func(*Config) *[]string) func(*Config, string) error {
	return setter(func(v string) ([]string, error) {
		var out []string
		for _, s := range strings.Split(v, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
		return out, nil
	}, field)
}

// Vars lists every environment variable factline reads, in the order the README documents them.
var Vars = []Var{
	{"FACTLINE_FACTS", "facts", "fact-base folder replacing the built-in base", str(func(c *Config) *string { return &c.Facts })},
	{"FACTLINE_LOG_FORMAT", "log.format", "text or json", str(func(c *Config) *string { return &c.Log.Format })},
	{"FACTLINE_LOG_LEVEL", "log.level", "debug, info, warn or error", str(func(c *Config) *string { return &c.Log.Level })},
	{"FACTLINE_ABSTAIN_BELOW", "match.abstain_below", "abstain when the best match's confidence is below this (0-1)", ratio(func(c *Config) *float64 { return &c.Match.AbstainBelow })},
	{"FACTLINE_AMBIGUITY_MARGIN", "match.ambiguity_margin", "offer two answers when their confidences are this close", ratio(func(c *Config) *float64 { return &c.Match.AmbiguityMargin })},
	{"FACTLINE_SUGGEST_ABOVE", "match.suggest_above", "when no myth reaches abstain_below, offer the first three to choose from if the chance that the right one is among them is at least this (0 = never)", ratio(func(c *Config) *float64 { return &c.Match.SuggestAbove })},
	{"FACTLINE_AUTO_ABOVE", "match.auto_above", "answer a message the bot only overheard (Telegram auto mode) only from this confidence", ratio(func(c *Config) *float64 { return &c.Match.AutoAbove })},
	{"FACTLINE_MAX_QUESTION", "match.max_question", "longest question accepted, in characters", num(func(c *Config) *int { return &c.Match.MaxQuestion })},
	{"FACTLINE_RELOAD_EVERY", "match.reload_every", "how often a --facts folder is checked for changes (0 = only on SIGHUP)", dur(func(c *Config) *Duration { return &c.Match.ReloadEvery })},
	{"FACTLINE_MAX_REVIEW_AGE", "lint.max_review_age", "lint warns about myths reviewed longer ago than this", dur(func(c *Config) *Duration { return &c.Lint.MaxReviewAge })},
	{"FACTLINE_USER_EVERY", "limits.user_every", "one question per this interval per asker, after the burst", dur(func(c *Config) *Duration { return &c.Limits.UserEvery })},
	{"FACTLINE_USER_BURST", "limits.user_burst", "questions an asker may send at once", num(func(c *Config) *int { return &c.Limits.UserBurst })},
	{"FACTLINE_CHAT_EVERY", "limits.chat_every", "one question per this interval per chat, after the burst", dur(func(c *Config) *Duration { return &c.Limits.ChatEvery })},
	{"FACTLINE_CHAT_BURST", "limits.chat_burst", "questions a chat may send at once", num(func(c *Config) *int { return &c.Limits.ChatBurst })},
	{"FACTLINE_HTTP_ADDR", "http.addr", "web page and API listen address; off disables it", str(func(c *Config) *string { return &c.HTTP.Addr })},
	{"FACTLINE_PUBLIC_URL", "http.public_url", "public address of the site, for permalinks and ClaimReview", str(func(c *Config) *string { return &c.HTTP.PublicURL })},
	{"FACTLINE_TRUSTED_PROXIES", "http.trusted_proxies", "comma-separated IPs/CIDRs whose X-Forwarded-For is trusted", list(func(c *Config) *[]string { return &c.HTTP.TrustedProxies })},
	{"TELEGRAM_BOT_TOKEN", "telegram.token", "enables the Telegram adapter", str(func(c *Config) *string { return &c.Telegram.Token })},
	{"TELEGRAM_API_ENDPOINT", "telegram.api_endpoint", "Bot API URL pattern http://host:port/bot%s/%s", str(func(c *Config) *string { return &c.Telegram.APIEndpoint })},
	{"TELEGRAM_FILE_ENDPOINT", "telegram.file_endpoint", "file download URL pattern http://host:port/file/bot%s/%s; unset = beside the API endpoint", str(func(c *Config) *string { return &c.Telegram.FileEndpoint })},
	{"TELEGRAM_WEBHOOK_URL", "telegram.webhook_url", "public webhook URL; unset = long polling", str(func(c *Config) *string { return &c.Telegram.WebhookURL })},
	{"TELEGRAM_WEBHOOK_ADDR", "telegram.webhook_addr", "webhook listen address", str(func(c *Config) *string { return &c.Telegram.WebhookAddr })},
	{"TELEGRAM_WEBHOOK_SECRET", "telegram.webhook_secret", "secret checked in X-Telegram-Bot-Api-Secret-Token", str(func(c *Config) *string { return &c.Telegram.WebhookSecret })},
	{"DISCORD_BOT_TOKEN", "discord.token", "enables the Discord adapter", str(func(c *Config) *string { return &c.Discord.Token })},
	{"DISCORD_APP_ID", "discord.app_id", "application id, if not discoverable", str(func(c *Config) *string { return &c.Discord.AppID })},
	{"DISCORD_API_BASE", "discord.api_base", "REST and gateway-discovery base URL", str(func(c *Config) *string { return &c.Discord.APIBase })},
	{"DISCORD_GUILD_ID", "discord.guild_id", "register commands to this server only (instant, for setup)", str(func(c *Config) *string { return &c.Discord.GuildID })},
	{"DISCORD_SHARD_ID", "discord.shard_id", "this process's shard", num(func(c *Config) *int { return &c.Discord.ShardID })},
	{"DISCORD_SHARD_COUNT", "discord.shard_count", "number of shards", num(func(c *Config) *int { return &c.Discord.ShardCount })},
	{"OPENAI_BASE_URL", "llm.base_url", "OpenAI-compatible server, e.g. http://localhost:11434/v1", str(func(c *Config) *string { return &c.LLM.BaseURL })},
	{"OPENAI_API_KEY", "llm.api_key", "API key (optional for local servers)", str(func(c *Config) *string { return &c.LLM.APIKey })},
	{"FACTLINE_LLM_MODEL", "llm.model", "chat model name", str(func(c *Config) *string { return &c.LLM.Model })},
	{"FACTLINE_LLM_MODE", "llm.mode", "off, translate or rephrase", str(func(c *Config) *string { return &c.LLM.Mode })},
	{"FACTLINE_LLM_TIMEOUT", "llm.timeout", "give up on the model after this long", dur(func(c *Config) *Duration { return &c.LLM.Timeout })},
	{"FACTLINE_LLM_MAX_TOKENS", "llm.max_tokens", "maximum output tokens", num(func(c *Config) *int { return &c.LLM.MaxTokens })},
	{"FACTLINE_LLM_SEND_QUESTION", "llm.send_question", "send the asker's question to the model (false = only curated text)", flag(func(c *Config) *bool { return &c.LLM.SendQuestion })},
	{"FACTLINE_LLM_JUDGE", "llm.judge", "ask the model again whether each paraphrase is faithful (only a clear yes passes)", flag(func(c *Config) *bool { return &c.LLM.Judge })},
	{"FACTLINE_EMBEDDINGS_MODEL", "llm.embeddings_model", "enables semantic matching with this embeddings model", str(func(c *Config) *string { return &c.LLM.EmbeddingsModel })},
	{"FACTLINE_DATA_DIR", "store.data_dir", "folder for factline.db and the install secret", str(func(c *Config) *string { return &c.Store.DataDir })},
	{"FACTLINE_DATABASE_URL", "store.database_url", "postgres://... to use PostgreSQL instead of SQLite", str(func(c *Config) *string { return &c.Store.DatabaseURL })},
	{"FACTLINE_KEEP_UNANSWERED", "store.keep_unanswered", "keep scrubbed unanswered questions for the curator report", flag(func(c *Config) *bool { return &c.Store.KeepUnanswered })},
	{"FACTLINE_PICTURES", "pictures.enabled", "read the text of pictures with Tesseract when it is installed (false refuses pictures)", flag(func(c *Config) *bool { return &c.Pictures.Enabled })},
	{"FACTLINE_TESSERACT", "pictures.tesseract", "the tesseract executable", str(func(c *Config) *string { return &c.Pictures.Tesseract })},
	{"FACTLINE_OCR_LANGUAGES", "pictures.languages", "comma-separated Tesseract languages read in pictures", list(func(c *Config) *[]string { return &c.Pictures.Languages })},
	{"FACTLINE_PICTURE_MAX_BYTES", "pictures.max_bytes", "largest picture read, in bytes", num(func(c *Config) *int { return &c.Pictures.MaxBytes })},
	{"FACTLINE_PICTURE_MAX_PIXELS", "pictures.max_pixels", "most pixels a picture may declare (checked before decoding)", num(func(c *Config) *int { return &c.Pictures.MaxPixels })},
	{"FACTLINE_PICTURE_MAX_SIDE", "pictures.max_side", "longest side a picture may declare, in pixels", num(func(c *Config) *int { return &c.Pictures.MaxSide })},
	{"FACTLINE_OCR_TIMEOUT", "pictures.timeout", "give up reading one picture after this long", dur(func(c *Config) *Duration { return &c.Pictures.Timeout })},
	{"FACTLINE_OCR_CONCURRENT", "pictures.concurrent", "pictures read at once (0 = one per CPU)", num(func(c *Config) *int { return &c.Pictures.Concurrent })},
	{"FACTLINE_RETENTION", "store.retention", "how long answer counts, feedback and unanswered questions are kept", dur(func(c *Config) *Duration { return &c.Store.Retention })},
	{"FACTLINE_CLAIMS_PUBLISHERS", "claims.publishers", "comma-separated sites of the fact-checkers whose imported reviews may answer (empty = all)", list(func(c *Config) *[]string { return &c.Claims.Publishers })},
	{"FACTLINE_CLAIMS_MAX_AGE", "claims.max_age", "imported reviews older than this do not answer (0 = no limit)", dur(func(c *Config) *Duration { return &c.Claims.MaxAge })},
	{"FACTLINE_CLAIMS_THRESHOLD", "claims.threshold", "confidence from which an imported review answers (0-1)", ratio(func(c *Config) *float64 { return &c.Claims.Threshold })},
	{"FACTLINE_CLAIMS_RELOAD_IN_PLACE", "claims.reload_in_place", "on a reload of a changed collection, drop the loaded one first (less memory; meanwhile it answers nothing): auto does so when two would not fit under memory_limit", setter(ParseSwitch, func(c *Config) *Switch { return &c.Claims.ReloadInPlace })},
	{"FACTLINE_FACTCHECK_API_KEY", "factcheck.api_key", "enables the live lookup in Google's Fact Check Tools API (sent the scrubbed question and its language)", str(func(c *Config) *string { return &c.FactCheck.APIKey })},
	{"FACTLINE_FACTCHECK_ENDPOINT", "factcheck.endpoint", "the API's claims:search URL", str(func(c *Config) *string { return &c.FactCheck.Endpoint })},
	{"FACTLINE_FACTCHECK_TIMEOUT", "factcheck.timeout", "give up on a lookup after this long", dur(func(c *Config) *Duration { return &c.FactCheck.Timeout })},
	{"FACTLINE_MEMORY_LIMIT", "memory_limit", "soft memory limit of serve, e.g. 350MiB (off = none; GOMEMLIMIT wins when set)", setter(ParseByteSize, func(c *Config) *ByteSize { return &c.MemoryLimit })},
}
