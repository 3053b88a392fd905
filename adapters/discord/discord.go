// Package discord is factline's Discord surface: the /factcheck and /myths slash commands, the
// "Fact-check this message" message command, and answers to mentions, rendered as embeds with buttons.
// A message checked that way, or mentioning the bot, may be a picture (a meme, a screenshot):
// its image attachment is downloaded from Discord's CDN and its text read (pictures.go).
//
// It connects through the gateway with discordgo and needs no privileged intent: interactions
// carry their own data, and Discord delivers the content of messages that mention the app.
package discord

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"factline/bot"
)

// Options configure the adapter. Token is required.
type Options struct {
	// Token is the bot token from the Developer Portal, without the "Bot " prefix.
	Token string
	// AppID is the application id; "" asks Discord (GET /applications/@me).
	AppID string
	// APIBase replaces https://discord.com for REST calls and gateway discovery (a REST proxy, a test server).
	APIBase string
	// GuildID registers the commands to this server only, which takes effect at once; "" registers them globally.
	GuildID string
	// ShardID and ShardCount select this process's shard; a ShardCount of 0 or 1 means no sharding.
	ShardID, ShardCount int
	// PublicURL is where the web page is published; answers then link to /myths/{id}?lang=xx there.
	PublicURL string
	// MaxPicture is the largest picture attachment downloaded to be read, in bytes; larger
	// ones are refused from the size Discord declares. 0 means DefaultMaxPicture.
	MaxPicture int64
	// DeferAfter is how long an interaction waits for the answer before it is deferred and followed up
	// (Discord allows 3 s for the first response). 0 means 2 s; a negative value always defers.
	DeferAfter time.Duration
	// ShutdownGrace is how long the answers in flight may go on after Run's context ends before
	// their calls to Discord are cancelled; 0 lets them run to their own timeout (30 s).
	ShutdownGrace time.Duration
	Logger        *slog.Logger
}

// Adapter connects one shard of the bot to Discord.
type Adapter struct {
	bot        bot.Core
	s          session
	opts       Options
	log        *slog.Logger
	deferAfter time.Duration

	// appID and botID are set by Run before the gateway opens, so handlers only read them.
	appID, botID string
	// base is the context of event handlers: Run's, without its cancellation, so answers in flight finish.
	base context.Context

	mu       sync.Mutex
	stopping bool
	inflight sync.WaitGroup
}

// New returns an adapter; it does no I/O (Run connects).
func New(b bot.Core, opts Options) *Adapter {
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	d := opts.DeferAfter
	if d == 0 {
		d = 2 * time.Second
	}
	return &Adapter{bot: b, s: newSession(opts), opts: opts, log: log, deferAfter: d, base: context.Background()}
}

// handlerTimeout bounds the work done for one event, REST retries included.
const handlerTimeout = 30 * time.Second

// Run registers the commands, connects to the gateway and answers until ctx ends; then it closes
// the gateway, waits for the answers in flight and returns nil. discordgo reconnects and resumes
// on its own once connected; until then Run retries, so a Discord outage at start does not stop
// the other surfaces. A refused token or command set is returned at once.
func (a *Adapter) Run(ctx context.Context) error {
	a.base = context.WithoutCancel(ctx)
	if g := a.opts.ShutdownGrace; g > 0 {
		base, cancel := context.WithCancel(a.base)
		stop := context.AfterFunc(ctx, func() { time.AfterFunc(g, cancel) })
		defer func() { stop(); cancel() }()
		a.base = base
	}
	for _, h := range []any{a.onInteraction, a.onMessage, a.onConnect, a.onDisconnect, a.onResumed} {
		a.s.AddHandler(h)
	}
	for wait := time.Second; ; wait = min(2*wait, time.Minute) {
		err := a.connect(ctx)
		if err == nil {
			break
		}
		if ctx.Err() != nil {
			return nil
		}
		if unauthorized(err) {
			return fmt.Errorf("discord refused the bot token (check DISCORD_BOT_TOKEN): %w", err)
		}
		if permanent(err) {
			return err
		}
		a.log.Warn("cannot reach Discord; retrying", "in", wait, "err", redact(err))
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(wait):
		}
	}
	<-ctx.Done()

	a.mu.Lock()
	a.stopping = true
	a.mu.Unlock()
	closeErr := a.s.Close()
	a.inflight.Wait()
	if closeErr != nil {
		return fmt.Errorf("close the gateway: %w", closeErr)
	}
	return nil
}

// connect learns who the bot is, registers the commands and opens the gateway.
func (a *Adapter) connect(ctx context.Context) error {
	var err error
	if a.appID = a.opts.AppID; a.appID == "" {
		if a.appID, err = a.s.currentAppID(); err != nil {
			return fmt.Errorf("discover the application id (set DISCORD_APP_ID): %w", err)
		}
	}
	if a.botID, err = a.s.currentUserID(); err != nil {
		return fmt.Errorf("read the bot user: %w", err)
	}
	cmds := commands(a.renderer("").langs)
	if _, err := a.s.ApplicationCommandBulkOverwrite(a.appID, a.opts.GuildID, cmds, discordgo.WithContext(ctx)); err != nil {
		return fmt.Errorf("register commands: %w", err)
	}
	scope := "global (may take up to an hour to appear)"
	if a.opts.GuildID != "" {
		scope = "one server"
	}
	a.log.Info("commands registered", "count", len(cmds), "scope", scope)
	if err := a.s.Open(); err != nil {
		return fmt.Errorf("connect to the gateway: %w", err)
	}
	a.log.Info("connected", "shard", a.opts.ShardID, "shards", max(a.opts.ShardCount, 1))
	return nil
}

func unauthorized(err error) bool {
	var rest *discordgo.RESTError
	return errors.As(err, &rest) && rest.Response != nil && rest.Response.StatusCode == http.StatusUnauthorized
}

// permanent tells the errors retrying cannot fix: Discord refused the request itself (a wrong
// token, a missing scope, an invalid command), rather than failing or asking to slow down.
func permanent(err error) bool {
	var rest *discordgo.RESTError
	if errors.As(err, &rest) && rest.Response != nil {
		code := rest.Response.StatusCode
		return code >= 400 && code < 500 && code != http.StatusTooManyRequests && code != http.StatusRequestTimeout
	}
	return false
}

// begin counts an event handler in, or returns false once the adapter is stopping.
func (a *Adapter) begin() bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.stopping {
		return false
	}
	a.inflight.Add(1)
	return true
}

func (a *Adapter) onConnect(*discordgo.Session, *discordgo.Connect) { a.log.Info("gateway connected") }

func (a *Adapter) onDisconnect(*discordgo.Session, *discordgo.Disconnect) {
	a.log.Info("gateway disconnected")
}

func (a *Adapter) onResumed(*discordgo.Session, *discordgo.Resumed) { a.log.Info("gateway resumed") }

// apiTransport sends the requests discordgo addresses to discord.com to another base URL instead,
// so a REST proxy or a test server can stand in without touching discordgo's package variables.
type apiTransport struct {
	base *url.URL
	next http.RoundTripper
}

func (t apiTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.URL.Host != "discord.com" {
		return t.next.RoundTrip(r)
	}
	r = r.Clone(r.Context())
	r.URL.Scheme = t.base.Scheme
	r.URL.Host = t.base.Host
	r.URL.Path = strings.TrimSuffix(t.base.Path, "/") + r.URL.Path
	if r.URL.RawPath != "" {
		r.URL.RawPath = strings.TrimSuffix(t.base.EscapedPath(), "/") + r.URL.RawPath
	}
	r.Host = ""
	return t.next.RoundTrip(r)
}
