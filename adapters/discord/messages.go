package discord

import "strings"

// texts are the adapter's own words, per language: the frame around answers (labels, buttons,
// menus, refusals). The answers and the words they carry come from the fact base. Languages
// without texts use English.
type texts struct {
	NoMatch        string
	TextChecked    string
	DidYouMean     string
	RephrasedShort string
	RephrasedFull  string
	NoAnswer       string
	Original       string // %s: the original's language
	OpenWeb        string
	Footer         string
	ChooseMyth     string
	MoreMyths      string
	FullAnswer     string
	Helpful        string
	NotHelpful     string
	OtherLang      string
	OtherClaim     string
	NotThis        string // the menu of a sure answer's alternatives
	Continued      string
	MoreSources    string // %d: how many
	MoreSourcesAt  string // %d: how many, %s: the link
	ReadFull       string
	SlowDown       string // %s: the core's reason
	CannotAnswer   string // %s: the core's reason
	Failed         string
	MythsIntro     string
	UnknownCommand string
	NoText         string
	CannotPost     string
	AnsweredUnder  string
	Unsupported    string
	ThanksHelpful  string
	ThanksNot      string
	MentionHelp    string

	// Pictures: the answer shown while one is read, the label of the text read, the refusals.
	ReadingPicture, ReadInPicture                         string
	PictureTooLarge                                       string // %d: the limit in MB
	PictureUnsupported, PictureNoText, PictureUnavailable string

	// The offer of suggestions: its intro, the button that declines them all, the thanks for it.
	Suggest, NoneOfThese, ThanksNone string
	// An answer from someone else's fact-check: its link button and its footer, which says it is
	// not from the curated base.
	ReadReview, ExternalFooter string
	// Descriptions of the commands and their options, as Discord's command picker shows them.
	CmdFactcheck, CmdMyths, OptClaim, OptPicture, OptPrivate, OptLang string
	// NoClaim answers /factcheck sent with neither a claim nor a picture.
	NoClaim string
}

var english = &texts{
	NoMatch:        "I can't match that to a myth in the fact base with enough confidence, and I won't guess. Pick a topic to see its answer:",
	TextChecked:    "Text checked",
	DidYouMean:     "Not this claim? Did you mean",
	RephrasedShort: "*Rephrased by AI from a reviewed answer: the full answer shows the original.*",
	RephrasedFull:  "*Rephrased by AI from a reviewed answer.*",
	NoAnswer:       "This myth has no answer to show.",
	Original:       "Reviewed original (%s)",
	OpenWeb:        "Open on the web",
	Footer:         "factline · sourced answers from a curated fact base",
	ReadReview:     "Read the fact-check",
	ExternalFooter: "factline · someone else's fact-check, not our curated fact base",
	ChooseMyth:     "Choose a myth…",
	MoreMyths:      "More myths…",
	FullAnswer:     "Full answer",
	Helpful:        "Helpful",
	NotHelpful:     "Not helpful",
	OtherLang:      "Another language…",
	OtherClaim:     "Did you mean another claim?",
	NotThis:        "Not this one? It may be about…",
	Continued:      "(continued)",
	MoreSources:    "…and %d more in the full answer.",
	MoreSourcesAt:  "…and [%d more](%s).",
	ReadFull:       "Read the full answer",
	SlowDown:       "Sorry, slow down a little: %s.",
	CannotAnswer:   "Sorry, I can't answer that: %s.",
	Failed:         "Sorry, something went wrong on my side. Please try again in a moment.",
	MythsIntro:     "The myths I answer, with sources. Choose one to post its answer here:",
	UnknownCommand: "I don't know this command any more; it will disappear shortly.",
	NoText:         "That message has no text I can check.",
	CannotPost:     "I couldn't post in this channel (does the bot have the Send Messages and Read Message History permissions here?). Here is the answer for you:",
	AnsweredUnder:  "Answered under the message.",
	Unsupported:    "This button is no longer supported.",
	ThanksHelpful:  "Thanks, noted that this answer helped.",
	ThanksNot:      "Thanks, noted that this answer didn't help. The editors review these to improve the fact base.",
	MentionHelp:    "Mention me with a claim to check it, e.g. “@factline immigrants take our jobs”, or use /factcheck, /myths, or Apps → Fact-check this message.",
	Suggest:        "I'm not sure which claim this is. Is it one of these? Choose one to post its answer:",
	NoneOfThese:    "None of these",
	ThanksNone:     "Thanks, noted that none of these was meant. The editors read such questions to grow the fact base.",
	CmdFactcheck:   "Check a claim about immigration against a curated, sourced fact base",
	CmdMyths:       "List the myths factline answers, and post one's answer",
	OptClaim:       "The claim or question, e.g. \"immigrants take our jobs\"",
	OptPrivate:     "Show the answer only to you",
	OptLang:        "Answer in this language",
	OptPicture:     "A meme or a screenshot to read; if it has no text to check, the claim is checked",
	NoClaim:        "Give me a claim to check: type it in claim:, or attach a meme or a screenshot in picture:.",

	ReadingPicture:     "🖼 Reading the picture…",
	ReadInPicture:      "Read in the picture",
	PictureTooLarge:    "That picture is too large for me to read: send one under %d MB, or a screenshot of the part with the text.",
	PictureUnsupported: "I can only read pictures in PNG, JPEG, WebP or GIF: send a screenshot, or paste the text.",
	PictureNoText:      "I found no text I can check in that picture. If it makes a claim, paste the claim as text.",
	PictureUnavailable: "I can't read pictures right now: paste the text of the picture instead.",
}

var french = &texts{
	NoMatch:        "Je ne peux pas rattacher ce texte à une affirmation de la base avec assez de certitude, et je ne devine pas. Choisissez un sujet pour voir sa réponse :",
	TextChecked:    "Texte vérifié",
	DidYouMean:     "Ce n'est pas cette affirmation ? Vouliez-vous dire",
	RephrasedShort: "*Reformulé par une IA à partir d'une réponse vérifiée : la réponse complète montre l'original.*",
	RephrasedFull:  "*Reformulé par une IA à partir d'une réponse vérifiée.*",
	NoAnswer:       "Cette affirmation n'a pas de réponse à afficher.",
	Original:       "Original vérifié (%s)",
	OpenWeb:        "Ouvrir sur le web",
	Footer:         "factline · des réponses sourcées tirées d'une base de faits vérifiée",
	ReadReview:     "Lire la vérification",
	ExternalFooter: "factline · la vérification d'un autre média, pas notre base de faits",
	ChooseMyth:     "Choisissez une affirmation…",
	MoreMyths:      "Autres affirmations…",
	FullAnswer:     "Réponse complète",
	Helpful:        "Utile",
	NotHelpful:     "Pas utile",
	OtherLang:      "Une autre langue…",
	OtherClaim:     "Vouliez-vous dire une autre affirmation ?",
	NotThis:        "Ce n'est pas celle-ci ? Il s'agit peut-être de…",
	Continued:      "(suite)",
	MoreSources:    "…et %d autres dans la réponse complète.",
	MoreSourcesAt:  "…et [%d autres](%s).",
	ReadFull:       "Lire la réponse complète",
	SlowDown:       "Désolé, un peu moins vite : %s.",
	CannotAnswer:   "Désolé, je ne peux pas répondre : %s.",
	Failed:         "Désolé, un problème est survenu de mon côté. Réessayez dans un instant.",
	MythsIntro:     "Les affirmations auxquelles je réponds, sources à l'appui. Choisissez-en une pour publier sa réponse ici :",
	UnknownCommand: "Je ne connais plus cette commande ; elle va bientôt disparaître.",
	NoText:         "Ce message n'a pas de texte que je puisse vérifier.",
	CannotPost:     "Je n'ai pas pu publier dans ce salon (le bot a-t-il les permissions Envoyer des messages et Voir les anciens messages ici ?). Voici la réponse pour vous :",
	AnsweredUnder:  "Réponse publiée sous le message.",
	Unsupported:    "Ce bouton n'est plus pris en charge.",
	ThanksHelpful:  "Merci, noté que cette réponse a été utile.",
	ThanksNot:      "Merci, noté que cette réponse n'a pas aidé. Les responsables les relisent pour améliorer la base.",
	MentionHelp:    "Mentionnez-moi avec une affirmation à vérifier, par ex. « @factline les immigrants volent nos emplois », ou utilisez /factcheck, /myths, ou Applications → Fact-check this message.",
	Suggest:        "Je ne suis pas sûr de l'affirmation visée. Est-ce l'une de celles-ci ? Choisissez-en une pour publier sa réponse :",
	NoneOfThese:    "Aucune de celles-ci",
	ThanksNone:     "Merci, noté qu'aucune de celles-ci n'était visée. Les responsables lisent ces questions pour enrichir la base.",
	CmdFactcheck:   "Vérifier une affirmation sur l'immigration dans une base de faits vérifiée et sourcée",
	CmdMyths:       "Lister les affirmations auxquelles factline répond, et publier une réponse",
	OptClaim:       "L'affirmation ou la question, par ex. « les immigrants volent nos emplois »",
	OptPrivate:     "Montrer la réponse à vous seul",
	OptLang:        "Répondre dans cette langue",
	OptPicture:     "Un mème ou une capture d'écran à lire ; s'il n'a pas de texte à vérifier, l'affirmation l'est",
	NoClaim:        "Donnez-moi une affirmation à vérifier : tapez-la dans claim:, ou joignez un mème ou une capture d'écran dans picture:.",

	ReadingPicture:     "🖼 Lecture de l'image…",
	ReadInPicture:      "Lu dans l'image",
	PictureTooLarge:    "Cette image est trop lourde pour que je la lise : envoyez-en une de moins de %d Mo, ou une capture de la partie avec le texte.",
	PictureUnsupported: "Je ne lis que les images PNG, JPEG, WebP ou GIF : envoyez une capture d'écran, ou collez le texte.",
	PictureNoText:      "Je n'ai trouvé dans cette image aucun texte à vérifier. Si elle affirme quelque chose, collez l'affirmation en texte.",
	PictureUnavailable: "Je ne peux pas lire les images pour le moment : collez plutôt le texte de l'image.",
}

var spanish = &texts{
	NoMatch:        "No puedo relacionar esto con una afirmación de la base con suficiente seguridad, y no voy a adivinar. Elija un tema para ver su respuesta:",
	TextChecked:    "Texto verificado",
	DidYouMean:     "¿No es esta afirmación? Quizás quiso decir",
	RephrasedShort: "*Reformulado por IA a partir de una respuesta revisada: la respuesta completa muestra el original.*",
	RephrasedFull:  "*Reformulado por IA a partir de una respuesta revisada.*",
	NoAnswer:       "Esta afirmación no tiene respuesta para mostrar.",
	Original:       "Original revisado (%s)",
	OpenWeb:        "Abrir en la web",
	Footer:         "factline · respuestas con fuentes de una base de datos revisada",
	ReadReview:     "Leer la verificación",
	ExternalFooter: "factline · una verificación de otro medio, no nuestra base de datos",
	ChooseMyth:     "Elija una afirmación…",
	MoreMyths:      "Más afirmaciones…",
	FullAnswer:     "Respuesta completa",
	Helpful:        "Útil",
	NotHelpful:     "No es útil",
	OtherLang:      "Otro idioma…",
	OtherClaim:     "¿Quiso decir otra afirmación?",
	NotThis:        "¿No es esta? Puede que se trate de…",
	Continued:      "(continuación)",
	MoreSources:    "…y %d más en la respuesta completa.",
	MoreSourcesAt:  "…y [%d más](%s).",
	ReadFull:       "Leer la respuesta completa",
	SlowDown:       "Perdón, un poco más despacio: %s.",
	CannotAnswer:   "Perdón, no puedo responder a eso: %s.",
	Failed:         "Perdón, algo falló de mi lado. Vuelva a intentarlo en un momento.",
	MythsIntro:     "Las afirmaciones que respondo, con fuentes. Elija una para publicar su respuesta aquí:",
	UnknownCommand: "Ya no conozco este comando; desaparecerá pronto.",
	NoText:         "Ese mensaje no tiene texto que pueda verificar.",
	CannotPost:     "No pude publicar en este canal (¿tiene el bot los permisos Enviar mensajes y Leer el historial de mensajes aquí?). Aquí tiene la respuesta:",
	AnsweredUnder:  "Respondido bajo el mensaje.",
	Unsupported:    "Este botón ya no funciona.",
	ThanksHelpful:  "Gracias, anotamos que esta respuesta le ayudó.",
	ThanksNot:      "Gracias, anotamos que esta respuesta no le ayudó. El equipo editorial las revisa para mejorar la base.",
	MentionHelp:    "Mencióneme con una afirmación para verificarla, p. ej. «@factline los inmigrantes nos quitan el trabajo», o use /factcheck, /myths, o Aplicaciones → Fact-check this message.",
	Suggest:        "No estoy seguro de qué afirmación es. ¿Es una de estas? Elija una para publicar su respuesta:",
	NoneOfThese:    "Ninguna de estas",
	ThanksNone:     "Gracias, anotamos que no era ninguna de estas. El equipo editorial lee estas preguntas para ampliar la base.",
	CmdFactcheck:   "Verificar una afirmación sobre inmigración en una base de datos revisada y con fuentes",
	CmdMyths:       "Listar las afirmaciones que factline responde y publicar una respuesta",
	OptClaim:       "La afirmación o la pregunta, p. ej. «los inmigrantes nos quitan el trabajo»",
	OptPrivate:     "Mostrar la respuesta solo a usted",
	OptLang:        "Responder en este idioma",
	OptPicture:     "Un meme o una captura de pantalla; si no tiene texto que verificar, se verifica la afirmación",
	NoClaim:        "Deme una afirmación que verificar: escríbala en claim:, o adjunte un meme o una captura de pantalla en picture:.",

	ReadingPicture:     "🖼 Leyendo la imagen…",
	ReadInPicture:      "Leído en la imagen",
	PictureTooLarge:    "Esa imagen es demasiado grande para leerla: envíe una de menos de %d MB, o una captura de la parte con el texto.",
	PictureUnsupported: "Solo leo imágenes PNG, JPEG, WebP o GIF: envíe una captura de pantalla, o pegue el texto.",
	PictureNoText:      "No encontré en esa imagen ningún texto que pueda verificar. Si afirma algo, pegue la afirmación como texto.",
	PictureUnavailable: "Ahora no puedo leer imágenes: pegue el texto de la imagen.",
}

var allTexts = map[string]*texts{"en": english, "fr": french, "es": spanish}

// textsFor returns the adapter's words for a Discord locale ("fr", "es-ES", "en-US"), or English.
func textsFor(locale string) *texts {
	lang, _, _ := strings.Cut(strings.ToLower(locale), "-")
	if t, ok := allTexts[lang]; ok {
		return t
	}
	return english
}
