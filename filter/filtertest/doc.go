// Package filtertest helps users unit-test their Sieve filters with go test.
//
// One call loads a script file, a message file (.eml) and an envelope, and
// runs the script the way delivery would (package filter, Pigeonhole
// semantics); the actions come back as short readable lines such as
//
//	store "Junk" flags [\Seen]
//	redirect "boss@example.net" :copy
//	vacation to "anna@example.org" subject "Auto: lunch?"
//
// so that a failing test shows a line diff of expected and actual actions:
//
//	func TestMyFilter(t *testing.T) {
//		r := filtertest.Run(t, "testdata/my.sieve", "testdata/spam.eml",
//			filter.Envelope{From: "anna@example.org", To: "tim@example.com"}, filtertest.Options{})
//		r.Expect(t, `store "Junk"`)
//	}
//
// Run, Expect and CompileError take a testing.TB; Evaluate and Describe
// are the same without one, for other harnesses and for examples.
package filtertest
