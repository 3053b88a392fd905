package discord_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"factline/adapters/discord"
	"factline/adapters/discord/discordtest"
	"factline/adapters/internal/picturetest"
	"factline/bot"
	"factline/facts/factstest"
)

// pensionMeme is the claim of the memes sent in these tests; refugee-pension-hoax answers it.
const pensionMeme = "Refugees get more money every month than our seniors who worked 40 years. Share if you agree"

// pictureBot is the real core over the built-in fact base, reading pictures with r.
func pictureBot(t testing.TB, r bot.PictureReader) *bot.Bot {
	return bot.New(bot.Options{Matcher: factstest.Index(t), Pictures: r})
}

// checkMessage is the "Fact-check this message" interaction on a message with content and
// attachments.
func checkMessage(id, content string, attachments ...map[string]any) map[string]any {
	return interaction(id, 2, map[string]any{"id": "602", "name": "Fact-check this message", "type": 3, "target_id": "800",
		"resolved": map[string]any{"messages": map[string]any{"800": map[string]any{
			"id": "800", "channel_id": channelID, "content": content, "attachments": attachments,
			"author": map[string]any{"id": "999", "username": "poster"},
		}}}})
}

func editPath(id string) string {
	return "/api/v9/webhooks/100000000000000001/tok-" + id + "/messages/@original"
}

// downloads counts the attachment downloads the fake served.
func downloads(fake *discordtest.Server) int {
	n := 0
	for _, r := range fake.Requests() {
		if strings.HasPrefix(r.Path, "/attachments/") {
			n++
		}
	}
	return n
}

// TestMessageCommandReadsThePicture: "Fact-check this message" on a meme says "Reading the
// picture…" at once, reads it with the real reader, posts the sourced answer under the message
// with the text read, and edits the private acknowledgement.
func TestMessageCommandReadsThePicture(t *testing.T) {
	b := pictureBot(t, picturetest.Reader(t))
	fake := start(t, b, discord.Options{AppID: "100000000000000001"})
	att := fake.AddAttachment("meme.png", "image/png", picturetest.Meme(t, pensionMeme))
	fake.Dispatch(t, "INTERACTION_CREATE", checkMessage("2101", "", att))

	cb := answered(t, fake, "2101")
	if cb.Type != 4 || cb.Data.Flags&64 == 0 || !strings.Contains(cb.Data.Content, "Reading the picture") {
		t.Errorf("first response = %+v, want a private \"Reading the picture…\"", cb)
	}
	var post payload
	fake.WaitPath(t, "POST", "/api/v9/channels/"+channelID+"/messages").Decode(t, &post)
	checkNoMentions(t, post.AllowedMentions)
	if post.Reference == nil || post.Reference.ID != "800" {
		t.Errorf("message_reference = %+v, want a reply to message 800", post.Reference)
	}
	if want := claimOf(t, b, "refugee-pension-hoax", "en"); len(post.Embeds) != 1 || post.Embeds[0].Title != want {
		t.Errorf("embeds = %+v, want the refugee-pension-hoax myth", post.Embeds)
	}
	if read := post.field("Read in the picture"); !strings.Contains(strings.ToUpper(read), "SENIORS") {
		t.Errorf("the answer shows %q as the text read", read)
	}
	var edit payload
	fake.WaitPath(t, "PATCH", editPath("2101")).Decode(t, &edit)
	checkNoMentions(t, edit.AllowedMentions)
	if !strings.Contains(edit.Content, "Answered under the message") {
		t.Errorf("edited response = %+v, want the acknowledgement", edit)
	}
	for _, r := range fake.Requests() {
		if strings.HasPrefix(r.Path, "/attachments/") && r.Header.Get("Authorization") != "" {
			t.Error("the attachment was downloaded with the bot token")
		}
	}
}

// TestMentionOnAPicture: a mention replying to a meme (and a meme sent with a mention) is
// answered under the message with the picture, after the typing indicator.
func TestMentionOnAPicture(t *testing.T) {
	reader := picturetest.Reader(t)
	b := pictureBot(t, reader)
	fake := start(t, b, discord.Options{AppID: "100000000000000001"})
	botUser := map[string]any{"id": fake.BotID, "username": "factline", "bot": true}
	author := map[string]any{"id": userID, "username": "asker"}
	meme := picturetest.Meme(t, pensionMeme)

	inReply := map[string]any{"id": "3101", "channel_id": channelID, "guild_id": guildID, "content": "<@" + fake.BotID + ">",
		"author": author, "mentions": []any{botUser},
		"referenced_message": map[string]any{"id": "3100", "channel_id": channelID, "content": "",
			"attachments": []any{fake.AddAttachment("meme.jpg", "image/png", meme)}, "author": map[string]any{"id": "999"}}}
	withPicture := map[string]any{"id": "3102", "channel_id": channelID, "guild_id": guildID, "content": "<@" + fake.BotID + ">",
		"author": author, "mentions": []any{botUser}, "attachments": []any{fake.AddAttachment("meme.png", "", meme)}}
	for _, tt := range []struct {
		name    string
		message map[string]any
		replyTo string
	}{
		{"mention in reply to a meme", inReply, "3100"},
		{"meme sent with a mention, no content type", withPicture, "3102"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fake.Dispatch(t, "MESSAGE_CREATE", tt.message)
			r := fake.Wait(t, "a reply to "+tt.replyTo, func(r discordtest.Request) bool {
				return r.Method == "POST" && strings.HasSuffix(r.Path, "/messages") && strings.Contains(string(r.Body), `"message_id":"`+tt.replyTo+`"`)
			})
			var p payload
			r.Decode(t, &p)
			checkNoMentions(t, p.AllowedMentions)
			if want := claimOf(t, b, "refugee-pension-hoax", "en"); len(p.Embeds) != 1 || p.Embeds[0].Title != want {
				t.Errorf("reply = %+v, want the refugee-pension-hoax myth", p)
			}
		})
	}
	fake.WaitPath(t, "POST", "/api/v9/channels/"+channelID+"/typing")
}

// fixedReader is a picture reader for the refusal paths: it returns text, or err, for any picture.
type fixedReader struct {
	text string
	err  error
}

func (r fixedReader) ReadPicture(context.Context, []byte) (string, error) { return r.text, r.err }

// TestPictureRefusals: what Discord declares (size, type) is refused before any download; the
// core's refusals reach the asker in their language; a message with text falls back to it.
func TestPictureRefusals(t *testing.T) {
	png := picturetest.Photo(t, "x")
	tests := []struct {
		name     string
		reader   bot.PictureReader // nil: pictures off
		locale   string
		content  string
		att      func(f *discordtest.Server) map[string]any
		want     string // in the final answer (the edit, or the response when nothing was read)
		download bool
	}{
		{
			name: "declared over the limit", reader: fixedReader{text: pensionMeme},
			att: func(f *discordtest.Server) map[string]any {
				a := f.AddAttachment("big.png", "image/png", png)
				a["size"] = 3 << 20
				return a
			},
			want: "too large for me to read: send one under 2 MB",
		},
		{
			name: "larger than declared", reader: fixedReader{text: pensionMeme},
			att: func(f *discordtest.Server) map[string]any {
				a := f.AddAttachment("big.png", "image/png", bytes.Repeat([]byte{1}, 3<<20))
				a["size"] = 1000
				return a
			},
			want: "too large for me to read", download: true,
		},
		{
			name: "an SVG", reader: fixedReader{text: pensionMeme},
			att: func(f *discordtest.Server) map[string]any {
				return f.AddAttachment("logo.svg", "image/svg+xml", []byte("<svg/>"))
			},
			want: "PNG, JPEG, WebP or GIF",
		},
		{
			name: "no text, in French", reader: fixedReader{text: "ok"}, locale: "fr",
			att:  func(f *discordtest.Server) map[string]any { return f.AddAttachment("cat.png", "image/png", png) },
			want: "aucun texte à vérifier", download: true,
		},
		{
			name: "pictures off, in Spanish", reader: nil, locale: "es-ES",
			att:  func(f *discordtest.Server) map[string]any { return f.AddAttachment("meme.png", "image/png", png) },
			want: "no puedo leer imágenes", download: true,
		},
		{
			name: "no text in the picture: the message's text is checked", reader: fixedReader{text: "ok"},
			content: "immigrants take our jobs",
			att:     func(f *discordtest.Server) map[string]any { return f.AddAttachment("cat.png", "image/png", png) },
			want:    "Answered under the message", download: true,
		},
	}
	for n, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := start(t, pictureBot(t, tt.reader), discord.Options{AppID: "100000000000000001", MaxPicture: 2 << 20})
			id := "22" + string(rune('0'+n)) + "0"
			i := checkMessage(id, tt.content, tt.att(fake))
			if tt.locale != "" {
				i["locale"] = tt.locale
			}
			fake.Dispatch(t, "INTERACTION_CREATE", i)
			cb := answered(t, fake, id)
			final := cb.Data
			if strings.Contains(cb.Data.Content, "🖼") {
				fake.WaitPath(t, "PATCH", editPath(id)).Decode(t, &final)
			}
			if !strings.Contains(final.Content, tt.want) || final.Flags&64 == 0 && cb.Data.Flags&64 == 0 {
				t.Errorf("answered %+v, want a private %q", final, tt.want)
			}
			if tt.download {
				// The fake records a request once it has answered it, which a client that stops
				// reading an oversized body may see after its own answer.
				fake.Wait(t, "a download", func(r discordtest.Request) bool { return strings.HasPrefix(r.Path, "/attachments/") })
			} else if downloads(fake) > 0 {
				t.Error("downloaded a picture refused from what Discord declared")
			}
		})
	}
}

// TestAttachmentURLsOnlyFromDiscord: an attachment whose URL is not on Discord's CDN (or the API
// base) is never fetched, and a link to a picture in the message's text is not a picture.
func TestAttachmentURLsOnlyFromDiscord(t *testing.T) {
	read := 0
	b := pictureBot(t, readerFunc(func([]byte) (string, error) { read++; return pensionMeme, nil }))
	fake := start(t, b, discord.Options{AppID: "100000000000000001"})
	var hits atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		_, _ = w.Write(picturetest.Photo(t, "elsewhere"))
	}))
	defer other.Close()
	elsewhere := map[string]any{"id": "1", "filename": "meme.png", "size": 100, "content_type": "image/png",
		"url": other.URL + "/attachments/1/2/meme.png"}
	fake.Dispatch(t, "INTERACTION_CREATE", checkMessage("2301", "", elsewhere))
	cb := answered(t, fake, "2301")
	var final payload = cb.Data
	if strings.Contains(cb.Data.Content, "🖼") {
		fake.WaitPath(t, "PATCH", editPath("2301")).Decode(t, &final)
	}
	if !strings.Contains(final.Content, "something went wrong") || read != 0 || hits.Load() != 0 {
		t.Errorf("answered %+v after %d readings and %d requests to another host, want a refusal and none", final, read, hits.Load())
	}
	fake.Dispatch(t, "INTERACTION_CREATE", checkMessage("2302", "https://cdn.discordapp.com/attachments/1/2/meme.png"))
	answered(t, fake, "2302")
	if read != 0 || downloads(fake) != 0 {
		t.Errorf("%d readings and %d downloads of pictures Discord did not attach", read, downloads(fake))
	}
}

// readerFunc is a picture reader made of a function.
type readerFunc func([]byte) (string, error)

func (f readerFunc) ReadPicture(_ context.Context, p []byte) (string, error) { return f(p) }

// slashPicture is /factcheck with an attachment in its picture option, as Discord sends it: the
// option's value is the attachment's id, the attachment itself is in data.resolved.attachments.
// claim "" leaves the claim option out; att nil leaves the picture out.
func slashPicture(id, claim string, private bool, att map[string]any) map[string]any {
	opts := []map[string]any{{"name": "private", "type": 5, "value": private}}
	if claim != "" {
		opts = append(opts, map[string]any{"name": "claim", "type": 3, "value": claim})
	}
	data := map[string]any{"id": "600", "name": "factcheck", "type": 1}
	if att != nil {
		opts = append(opts, map[string]any{"name": "picture", "type": 11, "value": att["id"]})
		data["resolved"] = map[string]any{"attachments": map[string]any{att["id"].(string): att}}
	}
	data["options"] = opts
	return interaction(id, 2, data)
}

// finalAnswer is what an interaction finally shows: its response, or the edit that replaced a
// "Reading the picture…" (or the private follow-up that replaced a public one, which is then
// deleted), or the follow-up of a deferral.
func finalAnswer(t *testing.T, fake *discordtest.Server, id string) (first callback, final payload) {
	t.Helper()
	first = answered(t, fake, id)
	final = first.Data
	followUp := func(r discordtest.Request) bool {
		return r.Method == "POST" && strings.HasPrefix(r.Path, "/api/v9/webhooks/100000000000000001/tok-"+id)
	}
	switch {
	case strings.Contains(first.Data.Content, "🖼"):
		r := fake.Wait(t, "the answer of "+id, func(r discordtest.Request) bool {
			return r.Method == "PATCH" && r.Path == editPath(id) || followUp(r)
		})
		r.Decode(t, &final)
		checkNoMentions(t, final.AllowedMentions)
		if r.Method == "POST" {
			fake.WaitPath(t, "DELETE", editPath(id))
		}
	case first.Type == 5:
		fake.Wait(t, "the follow-up of "+id, followUp).Decode(t, &final)
	}
	return first, final
}

// TestSlashCommandPicture: /factcheck picture:<file> reads the picture with the real reader
// ("Reading the picture…" at once, then the answer in its place, public unless private:true);
// with a claim too, the claim is checked when the picture has no text to check.
func TestSlashCommandPicture(t *testing.T) {
	reader := picturetest.Reader(t)
	b := pictureBot(t, reader)
	fake := start(t, b, discord.Options{AppID: "100000000000000001"})
	meme := fake.AddAttachment("meme.png", "image/png", picturetest.Meme(t, pensionMeme))

	fake.Dispatch(t, "INTERACTION_CREATE", slashPicture("5101", "", false, meme))
	first, final := finalAnswer(t, fake, "5101")
	if first.Type != 4 || first.Data.Flags&64 != 0 || !strings.Contains(first.Data.Content, "Reading the picture") {
		t.Errorf("first response = %+v, want a public \"Reading the picture…\"", first)
	}
	if want := claimOf(t, b, "refugee-pension-hoax", "en"); len(final.Embeds) != 1 || final.Embeds[0].Title != want {
		t.Errorf("answer = %+v, want the refugee-pension-hoax myth", final)
	}
	if read := final.field("Read in the picture"); !strings.Contains(strings.ToUpper(read), "SENIORS") {
		t.Errorf("the answer shows %q as the text read", read)
	}

	fake.Dispatch(t, "INTERACTION_CREATE", slashPicture("5102", "", true, meme))
	if first, _ := finalAnswer(t, fake, "5102"); first.Data.Flags&64 == 0 {
		t.Errorf("first response = %+v, want it private with private:true", first)
	}
	for _, r := range fake.Requests() {
		if strings.HasPrefix(r.Path, "/attachments/") && r.Header.Get("Authorization") != "" {
			t.Error("the attachment was downloaded with the bot token")
		}
	}
}

// TestSlashCommandPictureChecks: the picture option goes through the checks of a message's
// attachments: what Discord declares (size, type) is refused before any download, only Discord's
// CDN is fetched, the core's refusals reach the asker alone (a public "Reading the picture…" is
// deleted), and a claim typed with a picture that cannot be read is checked instead. Neither a
// claim nor a picture gets a hint.
func TestSlashCommandPictureChecks(t *testing.T) {
	png := picturetest.Photo(t, "x")
	var hits atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		_, _ = w.Write(png)
	}))
	defer other.Close()
	tests := []struct {
		name     string
		reader   bot.PictureReader
		claim    string
		att      func(f *discordtest.Server) map[string]any // nil: no picture
		want     string                                     // in the final answer's content, or its embed's title for a myth
		download bool
	}{
		{
			name: "declared over the limit", reader: fixedReader{text: pensionMeme},
			att: func(f *discordtest.Server) map[string]any {
				a := f.AddAttachment("big.png", "image/png", png)
				a["size"] = 3 << 20
				return a
			},
			want: "too large for me to read: send one under 2 MB",
		},
		{
			name: "an SVG", reader: fixedReader{text: pensionMeme},
			att: func(f *discordtest.Server) map[string]any {
				return f.AddAttachment("logo.svg", "image/svg+xml", []byte("<svg/>"))
			},
			want: "PNG, JPEG, WebP or GIF",
		},
		{
			name: "a PDF is not a picture", reader: fixedReader{text: pensionMeme},
			att: func(f *discordtest.Server) map[string]any {
				return f.AddAttachment("leaflet.pdf", "application/pdf", []byte("%PDF-1.7"))
			},
			want: "PNG, JPEG, WebP or GIF",
		},
		{
			name: "not on Discord's CDN", reader: fixedReader{text: pensionMeme},
			att: func(f *discordtest.Server) map[string]any {
				return map[string]any{"id": "900000000000000009", "filename": "meme.png", "size": len(png), "content_type": "image/png",
					"url": other.URL + "/attachments/1/2/meme.png"}
			},
			want: "something went wrong",
		},
		{
			name: "pictures off", reader: nil,
			att:  func(f *discordtest.Server) map[string]any { return f.AddAttachment("meme.png", "image/png", png) },
			want: "can't read pictures right now", download: true,
		},
		{
			name: "no text in the picture: the claim is checked", reader: fixedReader{text: "ok"}, claim: "immigrants take our jobs",
			att:  func(f *discordtest.Server) map[string]any { return f.AddAttachment("bus.png", "image/png", png) },
			want: "myth:jobs", download: true,
		},
		{
			name: "an SVG with a claim: the claim is checked", reader: fixedReader{text: pensionMeme}, claim: "immigrants take our jobs",
			att: func(f *discordtest.Server) map[string]any {
				return f.AddAttachment("logo.svg", "image/svg+xml", []byte("<svg/>"))
			},
			want: "myth:jobs",
		},
		{
			name: "neither a claim nor a picture", reader: fixedReader{text: pensionMeme},
			want: "Give me a claim to check",
		},
	}
	for n, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits.Store(0)
			b := pictureBot(t, tt.reader)
			fake := start(t, b, discord.Options{AppID: "100000000000000001", MaxPicture: 2 << 20})
			id := "52" + string(rune('0'+n)) + "0"
			var att map[string]any
			if tt.att != nil {
				att = tt.att(fake)
			}
			fake.Dispatch(t, "INTERACTION_CREATE", slashPicture(id, tt.claim, false, att))
			_, final := finalAnswer(t, fake, id)
			if myth, ok := strings.CutPrefix(tt.want, "myth:"); ok {
				if want := claimOf(t, b, myth, "en"); len(final.Embeds) != 1 || final.Embeds[0].Title != want {
					t.Errorf("answered %+v, want the %s myth", final, myth)
				}
			} else if !strings.Contains(final.Content, tt.want) || final.Flags&64 == 0 {
				t.Errorf("answered %+v, want %q for the asker alone", final, tt.want)
			}
			if tt.download {
				fake.Wait(t, "a download", func(r discordtest.Request) bool { return strings.HasPrefix(r.Path, "/attachments/") })
			} else if downloads(fake) > 0 || hits.Load() > 0 {
				t.Errorf("%d downloads from the fake, %d from another host: want none", downloads(fake), hits.Load())
			}
		})
	}
}
