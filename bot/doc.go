// Package bot is factline's core: it turns a Request (a question or a pasted claim from any
// surface) into an Answer built from the curated fact base, and owns the policies around it:
// when to abstain, when to offer a choice, rate limits, privacy, and what an optional language
// model may and may not change. Adapters call it; it calls only facts and the interfaces it defines.
package bot
