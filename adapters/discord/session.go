package discord

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/bwmarrin/discordgo"
)

// session is the part of discordgo the adapter uses; dgSession implements it over a real session.
type session interface {
	AddHandler(handler any) func()
	Open() error
	// Close stops the gateway for good: no reconnect follows.
	Close() error
	currentAppID() (string, error)
	currentUserID() (string, error)
	ApplicationCommandBulkOverwrite(appID, guildID string, cmds []*discordgo.ApplicationCommand, opts ...discordgo.RequestOption) ([]*discordgo.ApplicationCommand, error)
	InteractionRespond(i *discordgo.Interaction, r *discordgo.InteractionResponse, opts ...discordgo.RequestOption) error
	FollowupMessageCreate(i *discordgo.Interaction, wait bool, p *discordgo.WebhookParams, opts ...discordgo.RequestOption) (*discordgo.Message, error)
	ChannelMessageSendComplex(channelID string, m *discordgo.MessageSend, opts ...discordgo.RequestOption) (*discordgo.Message, error)
	InteractionResponseEdit(i *discordgo.Interaction, e *discordgo.WebhookEdit, opts ...discordgo.RequestOption) (*discordgo.Message, error)
	InteractionResponseDelete(i *discordgo.Interaction, opts ...discordgo.RequestOption) error
	ChannelTyping(channelID string, opts ...discordgo.RequestOption) error
	// download fetches an attachment by its URL as Discord gave it, refusing with errTooLarge
	// one over limit bytes.
	download(ctx context.Context, u *url.URL, limit int64) ([]byte, error)
}

// intents are all the gateway events the adapter needs: messages, for mentions. None is
// privileged: Discord includes the content of messages that mention the app without MESSAGE_CONTENT.
const intents = discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages

type dgSession struct{ *discordgo.Session }

// newSession configures a discordgo session; it does no I/O.
func newSession(opts Options) dgSession {
	s, _ := discordgo.New("Bot " + opts.Token) // New never fails: it only fills a struct
	s.Identify.Intents = intents
	// Nothing is kept of guilds, channels or members: the adapter needs none of it.
	s.StateEnabled = false
	s.ShardID, s.ShardCount = opts.ShardID, max(opts.ShardCount, 1)
	s.Client = &http.Client{Timeout: 20 * time.Second}
	if u, err := url.Parse(opts.APIBase); err == nil && u.Host != "" && u.Host != "discord.com" {
		s.Client.Transport = apiTransport{base: u, next: http.DefaultTransport}
	}
	return dgSession{s}
}

// Close turns discordgo's reconnect off before closing, so the session stays closed. The session's
// lock orders this write after any Open a reconnect is running.
func (d dgSession) Close() error {
	d.Lock()
	d.ShouldReconnectOnError = false
	d.Unlock()
	return d.Session.Close()
}

// currentAppID asks for the application the token belongs to (GET /applications/@me).
func (d dgSession) currentAppID() (string, error) {
	return d.getID(discordgo.EndpointApplication("@me"))
}

// currentUserID asks for the bot's own user (GET /users/@me), to recognise mentions of it.
func (d dgSession) currentUserID() (string, error) {
	return d.getID(discordgo.EndpointUser("@me"))
}

func (d dgSession) getID(endpoint string) (string, error) {
	body, err := d.RequestWithBucketID(http.MethodGet, endpoint, nil, endpoint)
	if err != nil {
		return "", err
	}
	var v struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal(body, &v); err != nil || v.ID == "" {
		return "", fmt.Errorf("GET %s: no id in the answer", endpoint)
	}
	return v.ID, nil
}
