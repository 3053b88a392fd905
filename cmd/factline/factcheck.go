package main

import (
	"log/slog"

	"factline/adapters/factcheck"
	"factline/bot"
	"factline/config"
)

// factCheck is the live fact-check lookup the configuration enables, nil (no lookup) without an
// API key. It is returned as the interface so that "off" is a nil bot.ReviewSearcher.
func factCheck(cfg config.Config, log *slog.Logger) (bot.ReviewSearcher, error) {
	fc := cfg.FactCheck
	if fc.APIKey == "" {
		return nil, nil
	}
	c, err := factcheck.New(factcheck.Options{APIKey: fc.APIKey, Endpoint: fc.Endpoint, Timeout: fc.Timeout.D(), Logger: log})
	if err != nil {
		return nil, err
	}
	log.Info("live fact-check lookup on: unanswered questions are looked up in Google's Fact Check Tools API, scrubbed")
	return c, nil
}
