// Package facts is factline's domain: the curated fact base (myths, their rebuttals in several
// languages, and the sources they cite), its loading and validation, and the index that matches a
// text to myths. It depends on nothing else in factline.
package facts
