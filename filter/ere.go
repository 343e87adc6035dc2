package filter

import (
	"io"
	"strings"

	"rsc.io/binaryregexp"
)

// ere is a POSIX extended regular expression compiled for the :regex
// match type as Pigeonhole 0.5.19 runs it: glibc regcomp with
// REG_EXTENDED (and REG_ICASE for i;ascii-casemap) in the C locale, so
// the text is matched byte by byte, "." is any byte but NUL and matches a
// newline, "^" and "$" are the ends of the text, and a match is the
// leftmost-longest one (there are no lazy quantifiers). The parser
// (ere_parse.go) follows glibc's grammar; the expression is then run by
// binaryregexp in leftmost-longest mode or, when RE2 cannot express it,
// by a backtracker (ere_backtrack.go). An ere is safe for concurrent use.
type ere struct {
	re      *binaryregexp.Regexp // nil: use the backtracker
	root    *ereNode
	ngroups int
	fold    bool
}

// compileERE compiles pattern; fold is REG_ICASE. As in C, the pattern
// ends at a NUL byte. The error is glibc's regerror text, lower case.
func compileERE(pattern string, fold bool) (*ere, error) {
	pattern, _, _ = strings.Cut(pattern, "\x00")
	root, p, err := parseERE(pattern, fold)
	if err != nil {
		return nil, err
	}
	e := &ere{root: root, ngroups: p.ngroups, fold: fold}
	if p.backrefs {
		return e, nil
	}
	if src, ok := reSyntax(root); ok {
		if re, err := binaryregexp.Compile(src); err == nil {
			re.Longest()
			e.re = re
		}
	}
	return e, nil
}

// FindStringSubmatch returns the match and its groups ("" for a group
// that took no part), or nil. As in C, the text ends at a NUL byte.
func (e *ere) FindStringSubmatch(s string) []string {
	s, _, _ = strings.Cut(s, "\x00")
	var loc []int
	if e.re != nil {
		loc = e.re.FindStringSubmatchIndex(s)
	} else {
		loc, _ = backtrack(e.root, e.ngroups, e.fold, s)
	}
	if loc == nil {
		return nil
	}
	out := make([]string, len(loc)/2)
	for i := range out {
		if loc[2*i] >= 0 {
			out[i] = s[loc[2*i]:loc[2*i+1]]
		}
	}
	return out
}

// MatchString reports whether s matches.
func (e *ere) MatchString(s string) bool {
	s, _, _ = strings.Cut(s, "\x00")
	if e.re != nil {
		return e.re.MatchString(s)
	}
	loc, _ := backtrack(e.root, e.ngroups, e.fold, s)
	return loc != nil
}

// matchERE reports whether the text read from r matches the :regex key
// (a body part, which Pigeonhole matches as one string). A key that does
// not compile matches nothing.
func matchERE(r io.Reader, key string, fold bool) (bool, error) {
	e, err := compileERE(key, fold)
	if err != nil {
		return false, nil
	}
	text, err := io.ReadAll(r)
	if err != nil {
		return false, err
	}
	return e.MatchString(string(text)), nil
}
