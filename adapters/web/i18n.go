package web

import (
	"net/http"
	"strings"
)

// labels are the page's own words in one language. The answers come from the fact base; these
// only frame them, so the page speaks the volunteer's language even before an answer exists.
type labels struct {
	Lang, Title, Tagline, Paste, PasteHint, AnswerIn, Auto, Submit              string
	Recognised, NotSure, NotThis, AlsoIn, Permalink                             string
	PostTitle, PostHint, CommentTitle, CommentHint, FullTitle, FullHint         string
	Copy, Copied, Chars, Rephrased, ShowOriginal                                string
	Helpful, Yes, No, Thanks, NoAnswer, NoAnswerText, Catalogue, CatalogueIntro string
	Home, NotFound, NotFoundText, Problem, Footer, PermalinkIntro, AvailableIn  string
	// The offer of suggestions: its heading and intro, the button declining them all, the thanks.
	Suggest, SuggestText, NoneOfThese, DeclineThanks string
	// An answer from someone else's fact-check: what sets it apart, the heading of the claim it
	// reviewed, the link to it, and the hint of the comment to copy.
	ExternalNote, ReviewedClaim, ReadReview, ExternalCommentHint string
	// Pictures: the upload field and its hint, the label of the text read, the refusals
	// (PictureTooLarge has a %d for the limit in MB).
	Picture, PictureHint, ReadInPicture string
	// PictureAndText says which is checked when a form has both a picture and text.
	PictureAndText                                                         string
	PictureTooLarge, PictureUnsupported, PictureNoText, PictureUnavailable string
}

var uiLabels = map[string]*labels{
	"en": {
		Lang: "en", Title: "factline: answer a claim about immigrants, with sources",
		Tagline:   "Paste a hostile comment or a claim about immigrants. Get a short, sourced reply to paste back.",
		Paste:     "Paste the comment or the claim",
		PasteHint: "Nothing you paste is stored with your identity.",
		AnswerIn:  "Answer in", Auto: "the language of the text", Submit: "Get an answer",
		Recognised: "Claim recognised", NotSure: "Not sure which claim this is: here is the closest.",
		NotThis: "Not this? Try:", AlsoIn: "Also in:", Permalink: "Permanent link",
		PostTitle: "Post for X or Bluesky", PostHint: "280 characters at most, one source link",
		CommentTitle: "Comment reply", CommentHint: "A short paragraph and two sources",
		FullTitle: "Full answer", FullHint: "With every source",
		Copy: "Copy", Copied: "Copied", Chars: "characters",
		Rephrased: "Rephrased by AI from a reviewed answer.", ShowOriginal: "Show the reviewed original",
		Helpful: "Was this useful?", Yes: "Helpful", No: "Not helpful", Thanks: "Thank you: this helps the people who keep the answers up to date.",
		NoAnswer:     "No confident answer",
		NoAnswerText: "This does not match a claim in the fact base closely enough, and a wrong answer would do more harm than none. These are the claims it can answer:",
		Catalogue:    "All myths answered", CatalogueIntro: "Every claim factline answers, with its verdict and a permanent link.",
		Home: "Check a claim", NotFound: "Page not found", NotFoundText: "There is nothing at this address.",
		Problem: "Something went wrong", Footer: "factline: curated, sourced answers. No trackers, no accounts.",
		Suggest: "Is it one of these?", SuggestText: "Not sure which claim this is. Choose the one you meant to see its answer:",
		NoneOfThese: "None of these", DeclineThanks: "Thank you: the people who keep the answers up to date read such questions to add what is missing.",
		PermalinkIntro: "The claim", AvailableIn: "Available in:",
		ExternalNote:  "Not from factline's curated answers: a fact-check published by someone else, on a similar claim. Read it before you use it.",
		ReviewedClaim: "The claim they reviewed", ReadReview: "Read the fact-check", ExternalCommentHint: "The rating, the claim reviewed and the link",
		Picture:            "Or a picture of it: a meme, a screenshot",
		PictureHint:        "PNG, JPEG, WebP or GIF, or paste one from the clipboard. Its text is read and checked; the picture is not kept.",
		PictureAndText:     "With both, the picture is read; the text you typed is checked only if the picture has no text to check.",
		ReadInPicture:      "Read in the picture:",
		PictureTooLarge:    "The picture is too large: send one under %d MB, or a screenshot of the part with the text.",
		PictureUnsupported: "This file is not a picture that can be read: send a PNG, JPEG, WebP or GIF, or paste the text.",
		PictureNoText:      "No text to check was found in this picture. If it makes a claim, paste the claim as text.",
		PictureUnavailable: "Pictures cannot be read right now: paste the text of the picture instead.",
	},
	"fr": {
		Lang: "fr", Title: "factline : répondre à une affirmation sur les immigrants, sources à l'appui",
		Tagline:   "Collez un commentaire hostile ou une affirmation sur les immigrants. Obtenez une réponse courte et sourcée à recoller.",
		Paste:     "Collez le commentaire ou l'affirmation",
		PasteHint: "Rien de ce que vous collez n'est conservé avec votre identité.",
		AnswerIn:  "Répondre en", Auto: "la langue du texte", Submit: "Obtenir une réponse",
		Recognised: "Affirmation reconnue", NotSure: "Affirmation incertaine : voici la plus proche.",
		NotThis: "Ce n'est pas ça ? Essayez :", AlsoIn: "Aussi en :", Permalink: "Lien permanent",
		PostTitle: "Message pour X ou Bluesky", PostHint: "280 caractères au plus, un lien vers une source",
		CommentTitle: "Réponse en commentaire", CommentHint: "Un court paragraphe et deux sources",
		FullTitle: "Réponse complète", FullHint: "Avec toutes les sources",
		Copy: "Copier", Copied: "Copié", Chars: "caractères",
		Rephrased: "Reformulé par IA à partir d'une réponse vérifiée.", ShowOriginal: "Voir l'original vérifié",
		Helpful: "Est-ce utile ?", Yes: "Utile", No: "Pas utile", Thanks: "Merci : cela aide les personnes qui tiennent les réponses à jour.",
		NoAnswer:     "Pas de réponse sûre",
		NoAnswerText: "Ce texte ne correspond pas assez à une affirmation de la base, et une mauvaise réponse ferait plus de mal qu'aucune. Voici les affirmations auxquelles elle répond :",
		Catalogue:    "Toutes les affirmations", CatalogueIntro: "Chaque affirmation à laquelle factline répond, avec son verdict et un lien permanent.",
		Home: "Vérifier une affirmation", NotFound: "Page introuvable", NotFoundText: "Il n'y a rien à cette adresse.",
		Problem: "Un problème est survenu", Footer: "factline : des réponses vérifiées et sourcées. Ni traceurs, ni comptes.",
		Suggest: "Est-ce l'une de celles-ci ?", SuggestText: "Affirmation incertaine. Choisissez celle que vous visiez pour voir sa réponse :",
		NoneOfThese: "Aucune de celles-ci", DeclineThanks: "Merci : les personnes qui tiennent les réponses à jour lisent ces questions pour ajouter ce qui manque.",
		PermalinkIntro: "L'affirmation", AvailableIn: "Disponible en :",
		ExternalNote:  "Pas une réponse vérifiée par factline : une vérification publiée par d'autres, sur une affirmation semblable. Lisez-la avant de vous en servir.",
		ReviewedClaim: "L'affirmation vérifiée", ReadReview: "Lire la vérification", ExternalCommentHint: "Le verdict, l'affirmation vérifiée et le lien",
		Picture:            "Ou une image : un mème, une capture d'écran",
		PictureHint:        "PNG, JPEG, WebP ou GIF, ou collez-en une depuis le presse-papiers. Son texte est lu puis vérifié ; l'image n'est pas conservée.",
		PictureAndText:     "Avec les deux, l'image est lue ; le texte saisi n'est vérifié que si l'image n'a pas de texte à vérifier.",
		ReadInPicture:      "Lu dans l'image :",
		PictureTooLarge:    "L'image est trop lourde : envoyez-en une de moins de %d Mo, ou une capture de la partie avec le texte.",
		PictureUnsupported: "Ce fichier n'est pas une image lisible : envoyez un PNG, JPEG, WebP ou GIF, ou collez le texte.",
		PictureNoText:      "Aucun texte à vérifier n'a été trouvé dans cette image. Si elle affirme quelque chose, collez l'affirmation en texte.",
		PictureUnavailable: "Les images ne peuvent pas être lues pour le moment : collez plutôt le texte de l'image.",
	},
	"es": {
		Lang: "es", Title: "factline: responder a una afirmación sobre inmigrantes, con fuentes",
		Tagline:   "Pegue un comentario hostil o una afirmación sobre inmigrantes. Obtenga una respuesta breve y con fuentes para pegar.",
		Paste:     "Pegue el comentario o la afirmación",
		PasteHint: "Nada de lo que pegue se guarda con su identidad.",
		AnswerIn:  "Responder en", Auto: "el idioma del texto", Submit: "Obtener una respuesta",
		Recognised: "Afirmación reconocida", NotSure: "No es seguro de qué afirmación se trata: esta es la más cercana.",
		NotThis: "¿No es esta? Pruebe:", AlsoIn: "También en:", Permalink: "Enlace permanente",
		PostTitle: "Publicación para X o Bluesky", PostHint: "280 caracteres como máximo, un enlace a una fuente",
		CommentTitle: "Respuesta en comentario", CommentHint: "Un párrafo breve y dos fuentes",
		FullTitle: "Respuesta completa", FullHint: "Con todas las fuentes",
		Copy: "Copiar", Copied: "Copiado", Chars: "caracteres",
		Rephrased: "Reformulado por IA a partir de una respuesta revisada.", ShowOriginal: "Ver el original revisado",
		Helpful: "¿Le fue útil?", Yes: "Útil", No: "No es útil", Thanks: "Gracias: esto ayuda a quienes mantienen las respuestas al día.",
		NoAnswer:     "Sin respuesta segura",
		NoAnswerText: "Este texto no coincide lo bastante con ninguna afirmación de la base, y una respuesta equivocada haría más daño que ninguna. Estas son las afirmaciones que puede responder:",
		Catalogue:    "Todas las afirmaciones", CatalogueIntro: "Cada afirmación que factline responde, con su veredicto y un enlace permanente.",
		Home: "Verificar una afirmación", NotFound: "Página no encontrada", NotFoundText: "No hay nada en esta dirección.",
		Problem: "Algo salió mal", Footer: "factline: respuestas revisadas y con fuentes. Sin rastreadores ni cuentas.",
		Suggest: "¿Es una de estas?", SuggestText: "No es seguro de qué afirmación se trata. Elija la que quería decir para ver su respuesta:",
		NoneOfThese: "Ninguna de estas", DeclineThanks: "Gracias: quienes mantienen las respuestas al día leen estas preguntas para añadir lo que falta.",
		PermalinkIntro: "La afirmación", AvailableIn: "Disponible en:",
		ExternalNote:  "No es una respuesta revisada por factline: es una verificación que publicaron otros, sobre una afirmación similar. Léala antes de usarla.",
		ReviewedClaim: "La afirmación verificada", ReadReview: "Leer la verificación", ExternalCommentHint: "La calificación, la afirmación verificada y el enlace",
		Picture:            "O una imagen: un meme, una captura de pantalla",
		PictureHint:        "PNG, JPEG, WebP o GIF, o pegue una desde el portapapeles. Su texto se lee y se verifica; la imagen no se guarda.",
		PictureAndText:     "Con ambos, se lee la imagen; el texto escrito solo se verifica si la imagen no tiene texto que verificar.",
		ReadInPicture:      "Leído en la imagen:",
		PictureTooLarge:    "La imagen es demasiado grande: envíe una de menos de %d MB, o una captura de la parte con el texto.",
		PictureUnsupported: "Este archivo no es una imagen legible: envíe un PNG, JPEG, WebP o GIF, o pegue el texto.",
		PictureNoText:      "No se encontró texto que verificar en esta imagen. Si afirma algo, pegue la afirmación como texto.",
		PictureUnavailable: "Ahora no se pueden leer imágenes: pegue el texto de la imagen.",
	},
}

// uiFor picks the page's language: the answer language chosen, else the browser's preference, else English.
func uiFor(r *http.Request, chosen string) *labels {
	if l, ok := uiLabels[chosen]; ok {
		return l
	}
	for _, part := range strings.Split(r.Header.Get("Accept-Language"), ",") {
		tag, _, _ := strings.Cut(strings.TrimSpace(part), ";")
		tag, _, _ = strings.Cut(strings.ToLower(tag), "-")
		if l, ok := uiLabels[tag]; ok {
			return l
		}
	}
	return uiLabels["en"]
}
