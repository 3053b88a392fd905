// Package arch holds the test that keeps the module's dependency rules: arrows point inward, from
// the surfaces (adapters) to the core (bot) to the domain (facts). It has no code of its own.
package arch
