package telegram

import "strings"

// texts are the adapter's own words, per language. Answers come from the fact base; these are the
// frame around them (labels, buttons, refusals, help). Languages without texts use English.
type texts struct {
	Intro          string // first paragraph of /start and /help
	HowTo          []string
	Examples       string
	Commands       string // the heading of the command list in /help
	Full           string
	SourcesBtn     string
	Helpful        string
	NotHelpful     string
	Thanks         string
	DidYouMean     string
	NotThis        string // above the alternatives of a sure answer
	Rephrased      string
	Original       string
	NoAnswer       string // %s: the question, quoted and clipped
	NoAnswerGroup  string
	PickTopic      string
	Suggest        string // above the suggestions of an uncertain match
	NoneOfThese    string // the button after the suggestions or topics offered
	NoneThanks     string // the toast after "None of these"
	TooLong        string // %d: the limit
	SlowDown       string
	Failed         string
	CheckUsage     string
	LangNow        string // %s: the language
	LangFollow     string
	LangUsage      string // %s: the languages known
	LangUnknown    string // %s: what was asked, %s: the languages known
	AdminsOnly     string
	AutoOn         string
	AutoOff        string
	AutoUsage      string
	AutoGroups     string
	InlineNoMatch  string
	InlineSlowDown string
	InlineUnsure   string // the notice above suggestions in inline mode

	// The refusals of a picture, and the label of the text read in one.
	PictureTooLarge    string // %d: the limit in MB
	PictureUnsupported string
	PictureNoText      string
	PictureUnavailable string
	PictureRead        string

	// Menu describes the commands of the menu (see commands), by command name.
	Menu map[string]string
}

var english = &texts{
	Intro: "I answer common claims about immigrants and immigration with short, sourced rebuttals from a reviewed fact base.",
	HowTo: []string{
		"In this private chat, just send me a claim or a question.",
		"In a group: /check followed by the claim, reply to a message with /check, or mention me.",
		"Pictures too: send me a meme or a screenshot, or in a group add /check or a mention of me to its caption, or reply to it with /check or a mention.",
		"Anywhere: type @%s and a claim, then pick an answer to send.",
	},
	Examples:       "Examples",
	Commands:       "Commands",
	Full:           "📖 Full answer",
	SourcesBtn:     "🔗 Sources",
	Helpful:        "👍 Helpful",
	NotHelpful:     "👎 Not helpful",
	Thanks:         "Thank you: this helps the volunteers improve the answers.",
	DidYouMean:     "Not sure this is the claim you meant. Did you mean:",
	NotThis:        "Not this one? It may be about:",
	Rephrased:      "Rephrased by AI from a reviewed answer.",
	Original:       "📝 Reviewed text",
	NoAnswer:       "I have no checked answer for “%s”. These are the topics I can answer:",
	NoAnswerGroup:  "I have no checked answer for that. /myths lists the topics I can answer.",
	PickTopic:      "Topics I can answer. Tap one:",
	Suggest:        "Is it one of these?",
	NoneOfThese:    "None of these",
	NoneThanks:     "Thanks, noted: the volunteers will see that none of these fit.",
	TooLong:        "That message is too long for me to check: please send the claim itself, under %d characters.",
	SlowDown:       "Too many questions at once: please wait a few seconds and ask again.",
	Failed:         "Sorry, something went wrong on my side. Please try again in a moment.",
	CheckUsage:     "Send /check followed by the claim, or reply to a message with /check.",
	LangNow:        "Answers in this chat are now in %s.",
	LangFollow:     "Answers in this chat now follow the language of each question.",
	LangUsage:      "Use /lang followed by a language code: %s; /lang auto follows each question.",
	LangUnknown:    "I have no answers in “%s”. Languages: %s.",
	AdminsOnly:     "Only the group's admins can change this.",
	AutoOn:         "Auto mode is on: I will answer claims in this group unprompted, only when I am very sure, and at most once every few minutes.",
	AutoOff:        "Auto mode is off: I answer only when asked.",
	AutoUsage:      "Use /auto on or /auto off.",
	AutoGroups:     "Auto mode is for groups.",
	InlineNoMatch:  "No close match: pick a topic",
	InlineSlowDown: "Too many questions: wait a few seconds",
	InlineUnsure:   "Uncertain match: check before sending",

	PictureTooLarge:    "That picture is too large for me to read: send one under %d MB, or a screenshot of the part with the text.",
	PictureUnsupported: "I can only read pictures (PNG, JPEG, WebP or GIF): send a screenshot or a photo, or paste the text.",
	PictureNoText:      "I found no text I can check in this picture. If it makes a claim, paste the claim as text.",
	PictureUnavailable: "I can't read pictures right now: paste the text of the picture instead.",
	PictureRead:        "Read in the picture:",

	Menu: map[string]string{
		"check": "Check a claim: /check followed by the claim, or reply to a message with /check",
		"myths": "List the topics the bot can answer",
		"lang":  "Set the answer language of this chat: /lang fr",
		"help":  "What the bot does and how to ask",
	},
}

var french = &texts{
	Intro: "Je réponds aux affirmations courantes sur les personnes immigrantes et l’immigration par des réfutations courtes et sourcées, tirées d’une base de faits vérifiée.",
	HowTo: []string{
		"Dans cette conversation privée, envoyez-moi simplement une affirmation ou une question.",
		"Dans un groupe : /check suivi de l’affirmation, répondez à un message avec /check, ou mentionnez-moi.",
		"Les images aussi : envoyez-moi un mème ou une capture d’écran, ou dans un groupe ajoutez /check ou une mention de moi à sa légende, ou répondez-y avec /check ou une mention.",
		"Partout : tapez @%s et une affirmation, puis choisissez une réponse à envoyer.",
	},
	Examples:       "Exemples",
	Commands:       "Commandes",
	Full:           "📖 Réponse complète",
	SourcesBtn:     "🔗 Sources",
	Helpful:        "👍 Utile",
	NotHelpful:     "👎 Pas utile",
	Thanks:         "Merci : cela aide les bénévoles à améliorer les réponses.",
	DidYouMean:     "Je ne suis pas sûr que ce soit l’affirmation visée. Vouliez-vous dire :",
	NotThis:        "Ce n’est pas celle-ci ? Il s’agit peut-être de :",
	Rephrased:      "Reformulé par une IA à partir d’une réponse vérifiée.",
	Original:       "📝 Texte vérifié",
	NoAnswer:       "Je n’ai pas de réponse vérifiée pour « %s ». Voici les sujets auxquels je peux répondre :",
	NoAnswerGroup:  "Je n’ai pas de réponse vérifiée pour cela. /myths liste les sujets auxquels je peux répondre.",
	PickTopic:      "Sujets auxquels je peux répondre. Touchez-en un :",
	Suggest:        "Est-ce l’une de ces affirmations ?",
	NoneOfThese:    "Aucune de celles-ci",
	NoneThanks:     "Merci, c’est noté : les bénévoles verront qu’aucune ne convenait.",
	TooLong:        "Ce message est trop long pour que je le vérifie : envoyez seulement l’affirmation, en moins de %d caractères.",
	SlowDown:       "Trop de questions à la fois : attendez quelques secondes et redemandez.",
	Failed:         "Désolé, un problème est survenu de mon côté. Réessayez dans un instant.",
	CheckUsage:     "Envoyez /check suivi de l’affirmation, ou répondez à un message avec /check.",
	LangNow:        "Les réponses de cette conversation sont maintenant en %s.",
	LangFollow:     "Les réponses de cette conversation suivent maintenant la langue de chaque question.",
	LangUsage:      "Utilisez /lang suivi d’un code de langue : %s ; /lang auto suit chaque question.",
	LangUnknown:    "Je n’ai pas de réponses en « %s ». Langues : %s.",
	AdminsOnly:     "Seuls les admins du groupe peuvent changer cela.",
	AutoOn:         "Mode automatique activé : je répondrai aux affirmations de ce groupe sans qu’on me le demande, seulement quand j’en suis très sûr, et au plus une fois toutes les quelques minutes.",
	AutoOff:        "Mode automatique désactivé : je réponds seulement quand on me le demande.",
	AutoUsage:      "Utilisez /auto on ou /auto off.",
	AutoGroups:     "Le mode automatique est pour les groupes.",
	InlineNoMatch:  "Pas de correspondance : choisissez un sujet",
	InlineSlowDown: "Trop de questions : attendez quelques secondes",
	InlineUnsure:   "Correspondance incertaine : vérifiez avant d’envoyer",

	PictureTooLarge:    "Cette image est trop lourde pour que je la lise : envoyez-en une de moins de %d Mo, ou une capture de la partie avec le texte.",
	PictureUnsupported: "Je ne lis que les images (PNG, JPEG, WebP ou GIF) : envoyez une capture d’écran ou une photo, ou collez le texte.",
	PictureNoText:      "Je n’ai trouvé dans cette image aucun texte à vérifier. Si elle affirme quelque chose, collez l’affirmation en texte.",
	PictureUnavailable: "Je ne peux pas lire les images pour le moment : collez plutôt le texte de l’image.",
	PictureRead:        "Lu dans l’image :",

	Menu: map[string]string{
		"check": "Vérifier une affirmation : /check suivi de l’affirmation, ou en réponse à un message",
		"myths": "Lister les sujets auxquels le bot peut répondre",
		"lang":  "Régler la langue des réponses de cette conversation : /lang fr",
		"help":  "Ce que fait le bot et comment lui demander",
	},
}

var spanish = &texts{
	Intro: "Respondo a afirmaciones comunes sobre las personas inmigrantes y la inmigración con refutaciones breves y con fuentes, tomadas de una base de datos verificada.",
	HowTo: []string{
		"En este chat privado, envíame una afirmación o una pregunta.",
		"En un grupo: /check seguido de la afirmación, responde a un mensaje con /check, o mencióname.",
		"También imágenes: envíame un meme o una captura de pantalla, o en un grupo añade /check o una mención mía a su pie de foto, o respóndela con /check o una mención.",
		"En cualquier chat: escribe @%s y una afirmación, y elige una respuesta para enviar.",
	},
	Examples:       "Ejemplos",
	Commands:       "Comandos",
	Full:           "📖 Respuesta completa",
	SourcesBtn:     "🔗 Fuentes",
	Helpful:        "👍 Útil",
	NotHelpful:     "👎 No es útil",
	Thanks:         "Gracias: esto ayuda a las personas voluntarias a mejorar las respuestas.",
	DidYouMean:     "No estoy seguro de que sea la afirmación que buscas. ¿Quisiste decir:",
	NotThis:        "¿No es esta? Puede que se trate de:",
	Rephrased:      "Reformulado por IA a partir de una respuesta revisada.",
	Original:       "📝 Texto revisado",
	NoAnswer:       "No tengo una respuesta verificada para «%s». Estos son los temas que puedo responder:",
	NoAnswerGroup:  "No tengo una respuesta verificada para eso. /myths lista los temas que puedo responder.",
	PickTopic:      "Temas que puedo responder. Toca uno:",
	Suggest:        "¿Es una de estas?",
	NoneOfThese:    "Ninguna de estas",
	NoneThanks:     "Gracias, anotado: las personas voluntarias verán que ninguna encajaba.",
	TooLong:        "Ese mensaje es demasiado largo para verificarlo: envía solo la afirmación, en menos de %d caracteres.",
	SlowDown:       "Demasiadas preguntas a la vez: espera unos segundos y vuelve a preguntar.",
	Failed:         "Lo siento, algo falló de mi lado. Inténtalo de nuevo en un momento.",
	CheckUsage:     "Envía /check seguido de la afirmación, o responde a un mensaje con /check.",
	LangNow:        "Las respuestas de este chat ahora están en %s.",
	LangFollow:     "Las respuestas de este chat ahora siguen el idioma de cada pregunta.",
	LangUsage:      "Usa /lang seguido de un código de idioma: %s; /lang auto sigue cada pregunta.",
	LangUnknown:    "No tengo respuestas en «%s». Idiomas: %s.",
	AdminsOnly:     "Solo las personas administradoras del grupo pueden cambiar esto.",
	AutoOn:         "Modo automático activado: responderé a afirmaciones en este grupo sin que me lo pidan, solo cuando esté muy seguro, y como mucho una vez cada pocos minutos.",
	AutoOff:        "Modo automático desactivado: respondo solo cuando me lo piden.",
	AutoUsage:      "Usa /auto on o /auto off.",
	AutoGroups:     "El modo automático es para grupos.",
	InlineNoMatch:  "Sin coincidencia: elige un tema",
	InlineSlowDown: "Demasiadas preguntas: espera unos segundos",
	InlineUnsure:   "Coincidencia incierta: revisa antes de enviar",

	PictureTooLarge:    "Esa imagen es demasiado grande para leerla: envía una de menos de %d MB, o una captura de la parte con el texto.",
	PictureUnsupported: "Solo leo imágenes (PNG, JPEG, WebP o GIF): envía una captura de pantalla o una foto, o pega el texto.",
	PictureNoText:      "No encontré en esta imagen ningún texto que pueda verificar. Si afirma algo, pega la afirmación como texto.",
	PictureUnavailable: "Ahora no puedo leer imágenes: pega el texto de la imagen.",
	PictureRead:        "Leído en la imagen:",

	Menu: map[string]string{
		"check": "Verificar una afirmación: /check seguido de la afirmación, o en respuesta a un mensaje",
		"myths": "Listar los temas que el bot puede responder",
		"lang":  "Fijar el idioma de las respuestas de este chat: /lang es",
		"help":  "Qué hace el bot y cómo preguntarle",
	},
}

var allTexts = map[string]*texts{"en": english, "fr": french, "es": spanish}

// textsFor returns the adapter's words in lang, or in English.
func textsFor(lang string) *texts {
	if t, ok := allTexts[lang]; ok {
		return t
	}
	return english
}

// baseLang turns a Telegram language_code ("fr", "pt-br") into a two- or three-letter code.
func baseLang(code string) string {
	code = strings.ToLower(code)
	if i := strings.IndexAny(code, "-_"); i > 0 {
		code = code[:i]
	}
	return code
}
