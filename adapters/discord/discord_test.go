package discord_test

import (
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"factline/adapters/discord"
	"factline/adapters/discord/discordtest"
	"factline/adapters/sqlite"
	"factline/bot"
	"factline/bot/storetest"
	"factline/facts/factstest"
)

const (
	guildID   = "300000000000000003"
	channelID = "400000000000000004"
	userID    = "500000000000000005"
)

// newBot is the real bot core over the built-in fact base.
func newBot(t testing.TB, limits bot.Limits, store bot.Store) *bot.Bot {
	t.Helper()
	return bot.New(bot.Options{Matcher: factstest.Index(t), Limits: limits, Store: store})
}

// start runs an adapter against a fake Discord until the test ends, then checks it stops cleanly.
// Each of before runs on the fake before the adapter starts.
func start(t *testing.T, b *bot.Bot, opts discord.Options, before ...func(*discordtest.Server)) *discordtest.Server {
	t.Helper()
	fake := discordtest.New(t)
	for _, f := range before {
		f(fake)
	}
	opts.Token, opts.APIBase = fake.Token, fake.URL
	a := discord.New(b, opts)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil && !errors.Is(err, context.Canceled) {
				t.Errorf("Run returned %v after its context ended", err)
			}
		case <-time.After(10 * time.Second):
			t.Error("Run did not return within 10s of its context ending")
		}
	})
	return fake
}

// The JSON Discord receives for a message, decoded only as far as the tests look.
type (
	payload struct {
		Content         string   `json:"content"`
		Flags           int      `json:"flags"`
		Embeds          []embed  `json:"embeds"`
		Components      []row    `json:"components"`
		AllowedMentions *allowed `json:"allowed_mentions"`
		Reference       *struct {
			ID string `json:"message_id"`
		} `json:"message_reference"`
	}
	callback struct {
		Type int     `json:"type"`
		Data payload `json:"data"`
	}
	embed struct {
		Title       string  `json:"title"`
		URL         string  `json:"url"`
		Description string  `json:"description"`
		Fields      []field `json:"fields"`
	}
	field struct {
		Name  string `json:"name"`
		Value string `json:"value"`
	}
	row struct {
		Components []struct {
			Type        int    `json:"type"`
			CustomID    string `json:"custom_id"`
			Placeholder string `json:"placeholder"`
			Options     []struct {
				Value string `json:"value"`
			} `json:"options"`
		} `json:"components"`
	}
	allowed struct {
		Parse       *[]string `json:"parse"`
		Users       []string  `json:"users"`
		Roles       []string  `json:"roles"`
		RepliedUser bool      `json:"replied_user"`
	}
)

func (p payload) field(name string) string {
	for _, e := range p.Embeds {
		for _, f := range e.Fields {
			if f.Name == name {
				return f.Value
			}
		}
	}
	return ""
}

// sources counts the numbered source links over the fields that list them.
func (p payload) sources() int {
	n := 0
	for _, e := range p.Embeds {
		for _, f := range e.Fields {
			if strings.HasPrefix(f.Name, "Sources") {
				n += len(regexp.MustCompile(`(?m)^\d+\. \[.*\]\(https?://`).FindAllString(f.Value, -1))
			}
		}
	}
	return n
}

func (p payload) customIDs() []string {
	var ids []string
	for _, r := range p.Components {
		for _, c := range r.Components {
			ids = append(ids, c.CustomID)
		}
	}
	return ids
}

// checkNoMentions fails unless allowed_mentions is present and allows nothing.
func checkNoMentions(t *testing.T, a *allowed) {
	t.Helper()
	if a == nil || a.Parse == nil || len(*a.Parse) != 0 || len(a.Users) != 0 || len(a.Roles) != 0 || a.RepliedUser {
		t.Errorf("allowed_mentions = %+v, want present with an empty parse list", a)
	}
}

func interaction(id string, typ int, data map[string]any) map[string]any {
	return map[string]any{
		"id": id, "application_id": "100000000000000001", "type": typ, "token": "tok-" + id, "version": 1,
		"guild_id": guildID, "channel_id": channelID, "locale": "en-US",
		"member": map[string]any{"user": map[string]any{"id": userID, "username": "asker"}, "roles": []string{}},
		"data":   data,
	}
}

func slash(id, claim string, private bool) map[string]any {
	return interaction(id, 2, map[string]any{"id": "600", "name": "factcheck", "type": 1, "options": []map[string]any{
		{"name": "claim", "type": 3, "value": claim}, {"name": "private", "type": 5, "value": private},
	}})
}

func component(id, customID string, values ...string) map[string]any {
	typ := 2
	if values != nil {
		typ = 3
	}
	i := interaction(id, 3, map[string]any{"custom_id": customID, "component_type": typ, "values": values})
	i["message"] = map[string]any{"id": "700", "channel_id": channelID, "content": ""}
	return i
}

func callbackPath(id string) string { return "/api/v9/interactions/" + id + "/tok-" + id + "/callback" }

// answered waits for the interaction's callback and decodes it.
func answered(t *testing.T, fake *discordtest.Server, id string) callback {
	t.Helper()
	var cb callback
	fake.WaitPath(t, "POST", callbackPath(id)).Decode(t, &cb)
	checkNoMentions(t, cb.Data.AllowedMentions)
	return cb
}

// claimOf is the claim as the embed title shows it, escaped.
func claimOf(t *testing.T, b *bot.Bot, myth, lang string) string {
	t.Helper()
	ans, err := b.Explain(context.Background(), myth, bot.Request{Lang: lang, Surface: bot.SurfaceCLI})
	if err != nil {
		t.Fatal(err)
	}
	return strings.NewReplacer("-", `\-`, "(", `\(`, ")", `\)`).Replace(ans.Match.Claim)
}

// openStore opens a real SQLite store in the test's folder, to see what reaches the core's store.
func openStore(t testing.TB) *sqlite.Store {
	t.Helper()
	st := sqlite.New(sqlite.Options{Path: filepath.Join(t.TempDir(), "factline.db")})
	if err := st.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func TestInteractions(t *testing.T) {
	store := openStore(t)
	b := newBot(t, bot.Limits{}, store)
	fake := start(t, b, discord.Options{AppID: "100000000000000001", PublicURL: "https://factline.example"})
	jobs := claimOf(t, b, "jobs", "en")
	myths := len(b.Topics("en"))
	// The jobs answer may have alternatives, offered in a menu under the buttons (a twin of b
	// without a store says, so the probe is not counted).
	jobsAns, err := newBot(t, bot.Limits{}, nil).Ask(context.Background(), bot.Request{Text: "immigrants are taking our jobs", Surface: bot.SurfaceDiscord})
	if err != nil {
		t.Fatal(err)
	}
	// options counts the choices of every select menu of a message (Discord allows 25 per menu).
	options := func(p payload) int {
		n := 0
		for _, row := range p.Components {
			for _, c := range row.Components {
				n += len(c.Options)
			}
		}
		return n
	}

	tests := []struct {
		name      string
		event     map[string]any
		ephemeral bool
		check     func(t *testing.T, p payload)
	}{
		{"slash command, public", slash("1001", "immigrants are taking our jobs", false), false, func(t *testing.T, p payload) {
			if len(p.Embeds) != 1 || p.Embeds[0].Title != jobs {
				t.Fatalf("embeds = %+v, want the jobs myth titled %q", p.Embeds, jobs)
			}
			e := p.Embeds[0]
			if e.URL != "https://factline.example/myths/jobs?lang=en" {
				t.Errorf("embed url = %q, want the web permalink", e.URL)
			}
			if p.field("Verdict") != "Mostly false" || p.field("Reviewed") == "" || !strings.Contains(p.field("Sources"), "](https://") {
				t.Errorf("fields = %+v, want verdict, review date and linked sources", e.Fields)
			}
			want := []string{"fl:full:jobs:en", "fl:yes:jobs:en", "fl:no:jobs:en", "", "fl:lang:jobs:en"}
			if len(jobsAns.Alternatives) > 0 {
				want = append(want, "fl:myth") // a core that keeps no offers: the plain menu of myths
			}
			if got := p.customIDs(); strings.Join(got, ",") != strings.Join(want, ",") {
				t.Errorf("components = %q, want %q", got, want)
			}
		}},
		{"slash command, private", slash("1002", "immigrants are taking our jobs", true), true, func(t *testing.T, p payload) {
			if len(p.Embeds) != 1 || p.Embeds[0].Title != jobs {
				t.Errorf("embeds = %+v, want the jobs myth", p.Embeds)
			}
		}},
		{"mentions in the claim are escaped and ping nobody", slash("1003", "@everyone @here <@&777> <@888> immigrants are taking our jobs", false), false, func(t *testing.T, p payload) {
			asked := p.field("Text checked")
			if !strings.Contains(asked, `\@everyone \@here \<\@&777\> \<\@888\>`) {
				t.Errorf("You asked = %q, want the mentions escaped", asked)
			}
		}},
		{"markdown in the claim is escaped", slash("1004", "**immigrants** take our [jobs](https://evil.example) `now`", false), false, func(t *testing.T, p payload) {
			asked := p.field("Text checked")
			if !strings.Contains(asked, `\*\*immigrants\*\* take our \[jobs\]\(https\://evil.example\) \`+"`now\\`") {
				t.Errorf("You asked = %q, want markdown escaped", asked)
			}
		}},
		{"no confident match offers the topics", slash("1005", "what time does the library open tomorrow", false), false, func(t *testing.T, p payload) {
			if len(p.Embeds) != 0 || options(p) != myths {
				t.Errorf("got %+v, want menus of the %d topics", p, myths)
			}
		}},
		{"/myths lists the topics in a menu", interaction("1006", 2, map[string]any{"id": "601", "name": "myths", "type": 1}), true, func(t *testing.T, p payload) {
			if ids := p.customIDs(); len(ids) == 0 || ids[0] != "fl:myth:p" || options(p) != myths {
				t.Errorf("components = %+v, want menus of the %d myths", p.Components, myths)
			}
		}},
		{"choosing a myth posts its answer", component("1007", "fl:myth", "housing"), false, func(t *testing.T, p payload) {
			if want := claimOf(t, b, "housing", "en"); len(p.Embeds) != 1 || p.Embeds[0].Title != want {
				t.Errorf("embeds = %+v, want %q", p.Embeds, want)
			}
		}},
		{"full answer button", component("1008", "fl:full:jobs:en"), true, func(t *testing.T, p payload) {
			if len(p.Embeds) != 1 || !strings.Contains(p.Embeds[0].Description, "Mariel boatlift") || p.sources() != 9 {
				t.Errorf("embeds = %+v, want the full rebuttal and its nine sources", p.Embeds)
			}
		}},
		{"another language", component("1009", "fl:lang:jobs:en", "fr"), true, func(t *testing.T, p payload) {
			if want := claimOf(t, b, "jobs", "fr"); len(p.Embeds) != 1 || p.Embeds[0].Title != want {
				t.Errorf("embeds = %+v, want the French claim %q", p.Embeds, want)
			}
		}},
		{"helpful", component("1010", "fl:yes:jobs:en"), true, func(t *testing.T, p payload) {
			if !strings.Contains(p.Content, "Thanks") {
				t.Errorf("content = %q, want thanks", p.Content)
			}
		}},
		{"not helpful", component("1011", "fl:no:housing:fr"), true, func(t *testing.T, p payload) {
			if !strings.Contains(p.Content, "didn't help") {
				t.Errorf("content = %q, want thanks", p.Content)
			}
		}},
		{"feedback on an unknown myth", component("1012", "fl:yes:nope:en"), true, func(t *testing.T, p payload) {
			if !strings.Contains(p.Content, "not in the fact base") {
				t.Errorf("content = %q, want a refusal", p.Content)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake.Dispatch(t, "INTERACTION_CREATE", tt.event)
			cb := answered(t, fake, tt.event["id"].(string))
			if cb.Type != 4 {
				t.Errorf("callback type = %d, want 4 (message)", cb.Type)
			}
			if got := cb.Data.Flags&64 != 0; got != tt.ephemeral {
				t.Errorf("ephemeral = %v, want %v", got, tt.ephemeral)
			}
			tt.check(t, cb.Data)
		})
	}
	// The feedback is counted before it is acknowledged, so a flush stores it now.
	tally := storetest.FlushedTally(t, b, store)
	fb := tally.Feedback
	slices.SortFunc(fb, func(a, b bot.FeedbackCount) int { return strings.Compare(a.MythID, b.MythID) })
	want := []bot.FeedbackCount{{MythID: "housing", Helpful: false, Count: 1}, {MythID: "jobs", Helpful: true, Count: 1}}
	if !slices.Equal(fb, want) {
		t.Errorf("feedback stored = %+v, want %+v", fb, want)
	}
}

// TestKnownHoaxLinkIsAnsweredAndNotLinked: a question holding a link a myth lists gets that myth,
// and the link echoed under "Text checked" has its "://" escaped, which Discord shows as text.
func TestKnownHoaxLinkIsAnsweredAndNotLinked(t *testing.T) {
	const hoax = "https://www.example-hoax.news/2026/11/asylum-seekers-five-star-hotels"
	b := bot.New(bot.Options{Matcher: factstest.IndexWithLinks(t, map[string][]string{"asylum-hotels": {hoax}})})
	fake := start(t, b, discord.Options{AppID: "100000000000000001"})
	ev := slash("1201", "is this true? https://m.example-hoax.news/2026/11/asylum-seekers-five-star-hotels/amp?fbclid=x", false)
	fake.Dispatch(t, "INTERACTION_CREATE", ev)
	p := answered(t, fake, "1201").Data
	if want := claimOf(t, b, "asylum-hotels", "en"); len(p.Embeds) != 1 || p.Embeds[0].Title != want {
		t.Fatalf("embeds = %+v, want the asylum-hotels myth %q", p.Embeds, want)
	}
	asked := p.field("Text checked")
	if !strings.Contains(asked, `https\://m.example\-hoax.news/`) || strings.Contains(asked, "https://") {
		t.Errorf("Text checked = %q, want the link shown with its scheme escaped, not clickable", asked)
	}
}

func TestMessageCommandRepliesUnderTheMessage(t *testing.T) {
	b := newBot(t, bot.Limits{}, nil)
	fake := start(t, b, discord.Options{AppID: "100000000000000001"})
	i := interaction("2001", 2, map[string]any{"id": "602", "name": "Fact-check this message", "type": 3, "target_id": "800",
		"resolved": map[string]any{"messages": map[string]any{"800": map[string]any{
			"id": "800", "channel_id": channelID, "content": "@everyone immigrants take our jobs!!",
			"author": map[string]any{"id": "999", "username": "poster"},
		}}}})
	fake.Dispatch(t, "INTERACTION_CREATE", i)

	var post payload
	fake.WaitPath(t, "POST", "/api/v9/channels/"+channelID+"/messages").Decode(t, &post)
	checkNoMentions(t, post.AllowedMentions)
	if post.Reference == nil || post.Reference.ID != "800" {
		t.Errorf("message_reference = %+v, want a reply to message 800", post.Reference)
	}
	if want := claimOf(t, b, "jobs", "en"); len(post.Embeds) != 1 || post.Embeds[0].Title != want {
		t.Errorf("embeds = %+v, want the jobs myth", post.Embeds)
	}
	cb := answered(t, fake, "2001")
	if cb.Data.Flags&64 == 0 || !strings.Contains(cb.Data.Content, "Answered under the message") {
		t.Errorf("callback = %+v, want a private acknowledgement", cb)
	}
}

func TestMentions(t *testing.T) {
	b := newBot(t, bot.Limits{}, nil)
	fake := start(t, b, discord.Options{AppID: "100000000000000001"})
	author := map[string]any{"id": userID, "username": "asker"}
	botUser := map[string]any{"id": fake.BotID, "username": "factline", "bot": true}
	msg := func(id, content string, mentions ...map[string]any) map[string]any {
		return map[string]any{"id": id, "channel_id": channelID, "guild_id": guildID, "content": content, "author": author, "mentions": mentions}
	}
	// Neither of these is answered: no mention, and a bot's message.
	fake.Dispatch(t, "MESSAGE_CREATE", msg("3000", "immigrants take our jobs"))
	fromBot := msg("3001", "<@"+fake.BotID+"> immigrants take our jobs", botUser)
	fromBot["author"] = map[string]any{"id": "42", "username": "otherbot", "bot": true}
	fake.Dispatch(t, "MESSAGE_CREATE", fromBot)

	inReply := msg("3003", "<@"+fake.BotID+">", botUser)
	inReply["referenced_message"] = map[string]any{"id": "3002", "channel_id": channelID, "content": "they are taking our jobs", "author": map[string]any{"id": "999"}}
	tests := []struct {
		name    string
		message map[string]any
		replyTo string
		want    string // the embed title, or a substring of the content
	}{
		{"mention with a claim", msg("3004", "<@"+fake.BotID+"> @everyone immigrants take our jobs", botUser), "3004", claimOf(t, b, "jobs", "en")},
		{"mention in reply to a claim", inReply, "3002", claimOf(t, b, "jobs", "en")},
		{"mention alone", msg("3005", "<@!"+fake.BotID+">", botUser), "3005", "Mention me with a claim"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake.Dispatch(t, "MESSAGE_CREATE", tt.message)
			r := fake.Wait(t, "a reply to "+tt.replyTo, func(r discordtest.Request) bool {
				return r.Method == "POST" && strings.HasSuffix(r.Path, "/messages") && strings.Contains(string(r.Body), `"message_id":"`+tt.replyTo+`"`)
			})
			var p payload
			r.Decode(t, &p)
			checkNoMentions(t, p.AllowedMentions)
			if !strings.Contains(p.Content, tt.want) && (len(p.Embeds) == 0 || p.Embeds[0].Title != tt.want) {
				t.Errorf("reply = %+v, want %q", p, tt.want)
			}
		})
	}
	for _, r := range fake.Requests() {
		if strings.Contains(string(r.Body), `"message_id":"3000"`) || strings.Contains(string(r.Body), `"message_id":"3001"`) {
			t.Errorf("answered a message that should be ignored: %s", r.Body)
		}
	}
}

func TestDeferredResponseThenFollowUp(t *testing.T) {
	b := newBot(t, bot.Limits{}, nil)
	fake := start(t, b, discord.Options{AppID: "100000000000000001", DeferAfter: -1})
	for _, private := range []bool{false, true} {
		id := map[bool]string{false: "4001", true: "4002"}[private]
		fake.Dispatch(t, "INTERACTION_CREATE", slash(id, "immigrants are taking our jobs", private))
		var cb callback
		fake.WaitPath(t, "POST", callbackPath(id)).Decode(t, &cb)
		if cb.Type != 5 || (cb.Data.Flags&64 != 0) != private {
			t.Errorf("private=%v: callback = %+v, want a deferral (type 5), ephemeral only if private", private, cb)
		}
		var p payload
		r := fake.WaitPath(t, "POST", "/api/v9/webhooks/100000000000000001/tok-"+id)
		r.Decode(t, &p)
		checkNoMentions(t, p.AllowedMentions)
		if r.Query != "wait=true" || len(p.Embeds) != 1 || p.Embeds[0].Title != claimOf(t, b, "jobs", "en") {
			t.Errorf("private=%v: follow-up ?%s %+v, want the answer", private, r.Query, p)
		}
	}
}

func TestRateLimitedReplyIsRetried(t *testing.T) {
	b := newBot(t, bot.Limits{}, nil)
	fake := start(t, b, discord.Options{AppID: "100000000000000001"})
	fake.RateLimitNext("POST", callbackPath("5001"), 50*time.Millisecond)
	fake.Dispatch(t, "INTERACTION_CREATE", slash("5001", "immigrants are taking our jobs", false))
	answered(t, fake, "5001")
	var statuses []int
	for _, r := range fake.Requests() {
		if r.Path == callbackPath("5001") {
			statuses = append(statuses, r.Status)
		}
	}
	if len(statuses) != 2 || statuses[0] != 429 || statuses[1] != 204 {
		t.Errorf("callback statuses = %v, want [429 204]", statuses)
	}
}

func TestOverTheBotsRateLimitRefusesPolitely(t *testing.T) {
	b := newBot(t, bot.Limits{UserPer: time.Hour, UserBurst: 1}, nil)
	fake := start(t, b, discord.Options{AppID: "100000000000000001"})
	fake.Dispatch(t, "INTERACTION_CREATE", slash("6001", "immigrants are taking our jobs", false))
	answered(t, fake, "6001")
	fake.Dispatch(t, "INTERACTION_CREATE", slash("6002", "immigrants are taking our jobs", false))
	cb := answered(t, fake, "6002")
	if cb.Data.Flags&64 == 0 || !strings.Contains(cb.Data.Content, "Sorry, slow down a little") || len(cb.Data.Embeds) != 0 {
		t.Errorf("callback = %+v, want a private, polite refusal", cb)
	}
}

func TestReconnectResumesAndKeepsAnswering(t *testing.T) {
	b := newBot(t, bot.Limits{}, nil)
	fake := start(t, b, discord.Options{AppID: "100000000000000001"})
	fake.Dispatch(t, "INTERACTION_CREATE", slash("7001", "immigrants are taking our jobs", false))
	answered(t, fake, "7001")

	fake.Reconnect(t)
	var resume struct {
		SessionID string `json:"session_id"`
		Seq       int64  `json:"seq"`
	}
	fake.WaitPath(t, discordtest.GatewayMethod, "RESUME").Decode(t, &resume)
	if resume.SessionID != "session-1" || resume.Seq < 2 {
		t.Errorf("RESUME = %+v, want session-1 from the last sequence seen", resume)
	}
	fake.Dispatch(t, "INTERACTION_CREATE", slash("7002", "immigrants are taking our jobs", false))
	answered(t, fake, "7002")
	identifies := 0
	for _, r := range fake.Requests() {
		if r.Method == discordtest.GatewayMethod && r.Path == "IDENTIFY" {
			identifies++
		}
	}
	if identifies != 1 {
		t.Errorf("IDENTIFY sent %d times, want once (then RESUME)", identifies)
	}
}

func TestStartup(t *testing.T) {
	const (
		messageContent = 1 << 15
		guildMembers   = 1 << 1
		guildPresences = 1 << 8
		guildMessages  = 1 << 9
	)
	tests := []struct {
		name         string
		opts         discord.Options
		wantCommands string
		wantLookup   bool
		wantShard    *[2]int
	}{
		{"global, app id discovered", discord.Options{}, "/api/v9/applications/100000000000000001/commands", true, nil},
		{"one server, app id given", discord.Options{AppID: "123", GuildID: guildID}, "/api/v9/applications/123/guilds/" + guildID + "/commands", false, nil},
		{"sharded", discord.Options{AppID: "123", ShardID: 1, ShardCount: 2}, "/api/v9/applications/123/commands", false, &[2]int{1, 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := start(t, newBot(t, bot.Limits{}, nil), tt.opts)
			var cmds []struct {
				Name string `json:"name"`
				Type int    `json:"type"`
			}
			put := fake.WaitPath(t, "PUT", tt.wantCommands)
			put.Decode(t, &cmds)
			if len(cmds) != 3 || cmds[0].Name != "factcheck" || cmds[1].Name != "myths" || cmds[2].Name != "Fact-check this message" || cmds[2].Type != 3 {
				t.Errorf("commands = %+v, want factcheck, myths and the message command", cmds)
			}
			var id struct {
				Intents int     `json:"intents"`
				Shard   *[2]int `json:"shard"`
			}
			fake.WaitPath(t, discordtest.GatewayMethod, "IDENTIFY").Decode(t, &id)
			if id.Intents&(messageContent|guildMembers|guildPresences) != 0 || id.Intents&guildMessages == 0 {
				t.Errorf("intents = %b, want guild messages and no privileged intent", id.Intents)
			}
			if (id.Shard == nil) != (tt.wantShard == nil) || id.Shard != nil && *id.Shard != *tt.wantShard {
				t.Errorf("shard = %v, want %v", id.Shard, tt.wantShard)
			}
			looked := false
			for _, r := range fake.Requests() {
				looked = looked || r.Path == "/api/v9/applications/@me"
				if r.Method != discordtest.GatewayMethod && r.Header.Get("Authorization") != "Bot "+fake.Token {
					t.Errorf("%s %s sent without the bot token", r.Method, r.Path)
				}
			}
			if looked != tt.wantLookup {
				t.Errorf("GET /applications/@me: %v, want %v", looked, tt.wantLookup)
			}
		})
	}
}

func TestCommandsJSON(t *testing.T) {
	// The registered JSON is what Discord validates: names lowercase for slash commands, options
	// typed. Neither the claim nor the picture (type 11, an attachment) is required: either will do.
	fake := start(t, newBot(t, bot.Limits{}, nil), discord.Options{AppID: "1"})
	put := fake.WaitPath(t, "PUT", "/api/v9/applications/1/commands")
	var cmds []map[string]any
	put.Decode(t, &cmds)
	opts, _ := json.Marshal(cmds[0]["options"])
	for _, want := range []string{`"name":"claim"`, `"max_length":2000`, `"name":"picture"`, `"name":"private"`, `"name":"lang"`, `"value":"fr"`} {
		if !strings.Contains(string(opts), want) {
			t.Errorf("factcheck options %s: missing %s", opts, want)
		}
	}
	var typed []struct {
		Name     string `json:"name"`
		Type     int    `json:"type"`
		Required bool   `json:"required"`
	}
	if err := json.Unmarshal(opts, &typed); err != nil {
		t.Fatal(err)
	}
	for _, o := range typed {
		if o.Required || o.Name == "picture" && o.Type != 11 || o.Name == "claim" && o.Type != 3 {
			t.Errorf("factcheck option %+v: want claim a string, picture an attachment, none required", o)
		}
	}
	// Registration is a bulk overwrite of the same set: a second start registers exactly the same.
	again := start(t, newBot(t, bot.Limits{}, nil), discord.Options{AppID: "1"}).WaitPath(t, "PUT", "/api/v9/applications/1/commands")
	if string(again.Body) != string(put.Body) {
		t.Errorf("a second registration differs:\n%s\n%s", put.Body, again.Body)
	}
}

// slowModel stands for a language model that answers only when released, and then fails, so the
// bot falls back to the curated text.
type slowModel struct{ release chan struct{} }

func (m slowModel) Paraphrase(ctx context.Context, _ bot.ParaphraseRequest) (bot.Paraphrase, error) {
	select {
	case <-m.release:
	case <-ctx.Done():
	}
	return bot.Paraphrase{}, errors.New("model unavailable")
}

func TestSlowAnswerIsDeferredThenFollowedUp(t *testing.T) {
	model := slowModel{release: make(chan struct{})}
	b := bot.New(bot.Options{Matcher: factstest.Index(t), Paraphraser: model, Paraphrase: bot.ParaphrasePolicy{Mode: bot.LLMRephrase, SendQuestion: true}})
	fake := start(t, b, discord.Options{AppID: "100000000000000001", DeferAfter: 50 * time.Millisecond})
	fake.Dispatch(t, "INTERACTION_CREATE", slash("4101", "immigrants are taking our jobs", true))

	var cb callback
	fake.WaitPath(t, "POST", callbackPath("4101")).Decode(t, &cb)
	if cb.Type != 5 || cb.Data.Flags&64 == 0 {
		t.Fatalf("callback = %+v, want a private deferral while the model is busy", cb)
	}
	if n := len(fake.Requests()); strings.Contains(fake.Requests()[n-1].Path, "/webhooks/") {
		t.Fatal("followed up before the answer was ready")
	}
	close(model.release)
	var p payload
	fake.WaitPath(t, "POST", "/api/v9/webhooks/100000000000000001/tok-4101").Decode(t, &p)
	checkNoMentions(t, p.AllowedMentions)
	if len(p.Embeds) != 1 || p.Embeds[0].Title != claimOf(t, b, "jobs", "en") {
		t.Errorf("follow-up = %+v, want the curated jobs answer", p)
	}
}

func TestDiscordDownAtStartIsRetried(t *testing.T) {
	b := newBot(t, bot.Limits{}, nil)
	fake := start(t, b, discord.Options{AppID: "100000000000000001"}, func(f *discordtest.Server) {
		f.FailNext("GET", "/api/v9/gateway", 503)
	})
	fake.WaitPath(t, discordtest.GatewayMethod, "IDENTIFY")
	fake.Dispatch(t, "INTERACTION_CREATE", slash("9001", "immigrants are taking our jobs", false))
	answered(t, fake, "9001")
	failed := 0
	for _, r := range fake.Requests() {
		if r.Path == "/api/v9/gateway" && r.Status == 503 {
			failed++
		}
	}
	if failed != 1 {
		t.Errorf("%d failed gateway discoveries, want 1 then a retry", failed)
	}
}

func TestWrongTokenStopsAtOnce(t *testing.T) {
	fake := discordtest.New(t)
	a := discord.New(newBot(t, bot.Limits{}, nil), discord.Options{Token: "wrong", APIBase: fake.URL})
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := a.Run(ctx)
	if err == nil || !strings.Contains(err.Error(), "DISCORD_BOT_TOKEN") || ctx.Err() != nil {
		t.Errorf("Run = %v (context: %v), want an error naming the setting, before the deadline", err, ctx.Err())
	}
}
