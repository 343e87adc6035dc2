package filter

import "testing"

// FuzzCompileERE compiles and runs arbitrary expressions: nothing may
// panic, and where RE2 runs an expression the backtracker must find the
// same match.
func FuzzCompileERE(f *testing.F) {
	for _, tc := range ereCases {
		f.Add(tc.pattern, tc.text, tc.fold)
	}
	f.Fuzz(func(t *testing.T, pattern, text string, fold bool) {
		if len(pattern) > 64 || len(text) > 64 {
			return
		}
		e, err := compileERE(pattern, fold)
		if err != nil {
			return
		}
		e.FindStringSubmatch(text)
		if e.re == nil {
			return
		}
		loc := e.re.FindStringIndex(text)
		bt, done := backtrack(e.root, e.ngroups, e.fold, text)
		if !done {
			return
		}
		if (loc == nil) != (bt == nil) || (loc != nil && (loc[0] != bt[0] || loc[1] != bt[1])) {
			t.Fatalf("%q on %q: RE2 %v, backtracker %v", pattern, text, loc, bt)
		}
	})
}
