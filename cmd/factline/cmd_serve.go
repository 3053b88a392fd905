package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"factline/adapters/discord"
	"factline/adapters/factsdir"
	"factline/adapters/telegram"
	"factline/adapters/web"
	"factline/bot"
	"factline/bot/reviews"
	"factline/config"
	"factline/facts"
	"factline/facts/match"

	"golang.org/x/sync/errgroup"
)

// runner is a long-running component of `factline serve`: it works until ctx ends, then finishes
// what is in flight and returns.
type runner interface {
	Run(ctx context.Context) error
}

type namedRunner struct {
	name string
	runner
}

// shutdownGrace is how long every surface may go on with the answers in hand once serve is told
// to stop, and how long the last flush of the answer counts may take: together they end before a
// container runtime kills the process (Docker waits 10 s after SIGTERM).
const shutdownGrace = 8 * time.Second

func cmdServe(e env, args []string) error {
	f := newFlags(e, "serve", "", "Run every configured surface (web page, Telegram, Discord) until SIGINT or SIGTERM.\n"+
		"With --facts DIR the fact base is reloaded on SIGHUP and when its files change.")
	if _, err := f.parse(args); err != nil {
		return err
	}
	cfg, err := f.load()
	if err != nil {
		return err
	}
	log := newLogger(e.stderr, cfg.Log)
	mem, restoreLimit := startSoftLimit(cfg, e.getenv, log.With("component", "memory"))
	defer restoreLimit()
	ix, err := loadIndex(cfg.Facts)
	if err != nil {
		return err
	}
	model, err := newLLM(cfg, true, log)
	if err != nil {
		return err
	}
	lookup, err := factCheck(cfg, log.With("component", "factcheck"))
	if err != nil {
		return err
	}
	// The install secret is read now: a missing or malformed one is a configuration error. The
	// database is opened in the background (see storeOpener), so answering never waits for it.
	secret, err := storeSecret(cfg)
	hasStore := err == nil
	switch {
	case errors.Is(err, errNoDataDir):
		log.Warn("nothing will be recorded", "reason", err)
	case err != nil:
		return err
	}
	// From here on a SIGINT or SIGTERM stops serve cleanly, even while the store opens (a
	// PostgreSQL server may take its time to answer).
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	pics, picStatus, picErr := pictureReader(ctx, cfg, log.With("component", "ocr"))
	logPictures(log, picStatus, picErr)
	// The metrics exist even when the web server is off: the bot reports to them from the start.
	metrics := web.NewMetrics()
	// The professional fact-checks are read from the store once it opens (claimsLoader): until
	// then, and without a store, the collection finds nothing.
	current := &reviews.Current{}
	b := bot.New(bot.Options{
		Matcher:        model.wrap(ix),
		Reviews:        current,
		Policy:         policy(cfg),
		Limits:         limits(cfg),
		Paraphraser:    model.para,
		Judge:          model.judge,
		Paraphrase:     model.policy,
		Lookup:         lookup,
		Pictures:       pics,
		Secret:         secret,
		KeepUnanswered: cfg.Store.KeepUnanswered,
		Offers:         true, // serve lives long enough to see what askers choose
		AwaitStore:     hasStore,
		Observer:       metrics,
		Logger:         log.With("component", "bot"),
	})
	var opener *storeOpener
	var claims *claimsLoader
	if hasStore {
		opener = newStoreOpener(cfg, secret, b, metrics, log.With("component", "store"))
		claims = newClaimsLoader(cfg, opener, current, mem, log.With("component", "claims"))
	}
	runners, err := surfaces(cfg, b, metrics, opener, log)
	if err != nil {
		return err
	}
	if len(runners) == 0 {
		return errors.New("no surface is configured. Enable one or more of:\n" +
			"  FACTLINE_HTTP_ADDR=localhost:8080   the web page and API\n" +
			"  TELEGRAM_BOT_TOKEN=...              the Telegram bot\n" +
			"  DISCORD_BOT_TOKEN=...               the Discord bot")
	}
	if opener != nil {
		runners = append(runners, namedRunner{"store", opener}, namedRunner{"claims", claims})
	}
	if model.semantic != nil {
		runners = append(runners, namedRunner{"embeddings", model.semantic})
	}
	// Every component runs in the group until ctx ends or one of them fails, which stops the others.
	g, gctx := errgroup.WithContext(ctx)
	var onHUP []func() // what SIGHUP reloads: the fact base folder, the professional fact-checks
	if cfg.Facts != "" {
		w := factsdir.New(cfg.Facts, cfg.Match.ReloadEvery.D(), func(fsys fs.FS) error {
			err := reload(b, fsys, model.wrap)
			if err == nil && claims != nil {
				claims.Reload() // curators who change the base may have imported reviews too
			}
			return err
		}, log.With("component", "factsdir"))
		runners = append(runners, namedRunner{"factsdir", w})
		onHUP = append(onHUP, w.Reload)
	}
	if claims != nil {
		onHUP = append(onHUP, claims.Reload)
	}
	if len(onHUP) > 0 {
		hup := make(chan os.Signal, 1)
		signal.Notify(hup, syscall.SIGHUP)
		defer signal.Stop(hup)
		g.Go(func() error {
			for {
				select {
				case <-gctx.Done():
					return nil
				case <-hup:
					for _, f := range onHUP {
						f()
					}
				}
			}
		})
	}
	log.Info("factline serving", "myths", len(ix.Base().Myths), "langs", ix.Base().Langs())
	for _, r := range runners {
		g.Go(func() error {
			if err := r.Run(gctx); err != nil && !errors.Is(err, context.Canceled) {
				return fmt.Errorf("%s: %w", r.name, err)
			}
			return nil
		})
	}
	err = g.Wait()
	// The surfaces have stopped: count the answers they gave since the last flush.
	fctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if opener != nil {
		st := opener.store()
		if st == nil {
			// Stopped before the store opened (a stop right after the start, or an outage): one
			// last short attempt, so the answers counted so far are not lost for want of trying.
			st = opener.lastAttempt(fctx)
		}
		if st != nil {
			if ferr := b.Flush(fctx); ferr != nil {
				log.Error("the last answer counts were not stored", "err", ferr)
			}
			if cerr := st.Close(); cerr != nil {
				log.Warn("closing the store", "err", cerr)
			}
		} else if !opener.refused.Load() {
			log.Warn("the store never opened: the answers counted since the start were not stored", "state", opener.State())
		}
	}
	if err != nil {
		return err
	}
	log.Info("factline stopped")
	return nil
}

// reload validates and indexes a new fact base, and swaps it in only if it is sound. wrap adds
// what decorates the matcher (semantic matching).
func reload(b *bot.Bot, fsys fs.FS, wrap func(bot.Matcher) bot.Matcher) error {
	base, err := facts.Load(fsys)
	if err == nil {
		var ix *facts.Index
		if ix, err = facts.NewIndex(base, match.DefaultOptions()); err == nil {
			b.Swap(wrap(ix))
		}
	}
	b.Reloaded(err == nil)
	return err
}

// limits copies the rate limits into the bot's form.
func limits(cfg config.Config) bot.Limits {
	return bot.Limits{UserPer: cfg.Limits.UserEvery.D(), UserBurst: cfg.Limits.UserBurst, ChatPer: cfg.Limits.ChatEvery.D(), ChatBurst: cfg.Limits.ChatBurst}
}

// surfaces builds the chat surfaces and web page that the configuration enables.
func surfaces(cfg config.Config, b *bot.Bot, metrics *web.Metrics, opener *storeOpener, log *slog.Logger) ([]namedRunner, error) {
	var rs []namedRunner
	if cfg.HTTP.Addr != "off" {
		var storeState func() string
		if opener != nil {
			storeState = opener.State
		}
		w, err := web.New(web.Options{
			Bot:            b,
			Addr:           cfg.HTTP.Addr,
			PublicURL:      cfg.HTTP.PublicURL,
			TrustedProxies: cfg.HTTP.TrustedProxies,
			RetryAfter:     limits(cfg).RetryAfter(),
			MaxPicture:     int64(cfg.Pictures.MaxBytes),
			Metrics:        metrics,
			StoreState:     storeState,
			ShutdownGrace:  shutdownGrace,
			Logger:         log.With("component", "web"),
		})
		if err != nil {
			return nil, err
		}
		rs = append(rs, namedRunner{"web", w})
	}
	if cfg.Telegram.Token != "" {
		tg, err := telegram.New(b, telegram.Options{
			Token:         cfg.Telegram.Token,
			APIEndpoint:   cfg.Telegram.APIEndpoint,
			FileEndpoint:  cfg.Telegram.FileEndpoint,
			WebhookURL:    cfg.Telegram.WebhookURL,
			WebhookAddr:   cfg.Telegram.WebhookAddr,
			WebhookSecret: cfg.Telegram.WebhookSecret,
			MaxQuestion:   cfg.Match.MaxQuestion,
			MaxPicture:    int64(cfg.Pictures.MaxBytes),
			ShutdownGrace: shutdownGrace,
			Logger:        log.With("component", "telegram"),
		})
		if err != nil {
			return nil, err
		}
		rs = append(rs, namedRunner{"telegram", tg})
	}
	if d := cfg.Discord; d.Token != "" {
		rs = append(rs, namedRunner{"discord", discord.New(b, discord.Options{
			Token: d.Token, AppID: d.AppID, APIBase: d.APIBase, GuildID: d.GuildID,
			ShardID: d.ShardID, ShardCount: d.ShardCount,
			PublicURL:     cfg.HTTP.PublicURL,
			MaxPicture:    int64(cfg.Pictures.MaxBytes),
			ShutdownGrace: shutdownGrace,
			Logger:        log.With("component", "discord"),
		})})
	}
	return rs, nil
}

func cmdHealthcheck(e env, args []string) error {
	f := newFlags(e, "healthcheck", "", "Exit 0 if the web server configured by FACTLINE_HTTP_ADDR answers /healthz, 1 otherwise.")
	if _, err := f.parse(args); err != nil {
		return err
	}
	cfg, err := f.load()
	if err != nil {
		return err
	}
	if cfg.HTTP.Addr == "off" {
		return errors.New("the web server is off (FACTLINE_HTTP_ADDR=off): nothing to check")
	}
	host, port, err := net.SplitHostPort(cfg.HTTP.Addr)
	if err != nil {
		return fmt.Errorf("FACTLINE_HTTP_ADDR %q: %w", cfg.HTTP.Addr, err)
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "localhost"
	}
	client := &http.Client{Timeout: 3 * time.Second}
	resp, err := client.Get("http://" + net.JoinHostPort(host, port) + "/healthz")
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("/healthz answered %s", resp.Status)
	}
	return nil
}
