package filter

import (
	"strings"

	"github.com/foxcpp/go-sieve/interp"
	"github.com/foxcpp/go-sieve/parser"
)

// caseModifiers are set's case modifiers in the order they apply (RFC 5229
// section 4.1: :lower and :upper before :lowerfirst and :upperfirst).
var caseModifiers = []string{"lower", "upper", "lowerfirst", "upperfirst"}

// asciiCaseSet gives set's case modifiers Pigeonhole's meaning: they change
// ASCII letters only, so "ÄB" :lower is "Äb" and a non-ASCII first
// character is left whole (go-sieve lowers all of Unicode and breaks a
// multi-byte first character). :quotewildcard and :length still come from
// go-sieve, after the case modifiers. inner is pc as go-sieve loaded it,
// which has already rejected conflicting modifiers.
func asciiCaseSet(base *interp.Script, pc parser.Cmd, inner interp.Cmd) (interp.Cmd, error) {
	set, ok := inner.(interp.CmdSet)
	if !ok {
		return inner, nil
	}
	args := pc.Args
	var mods []string
	for _, m := range caseModifiers {
		var found bool
		if args, found = removeTag(args, m); found {
			mods = append(mods, m)
		}
	}
	if len(mods) == 0 {
		return inner, nil
	}
	pc.Args = args
	plain, err := interp.LoadCmd(base, pc)
	if err != nil {
		return nil, err
	}
	rest, ok := plain.(interp.CmdSet)
	if !ok {
		return inner, nil
	}
	set.ModifyValue = func(s string) string { return rest.ModifyValue(applyCase(mods, s)) }
	return set, nil
}

// applyCase applies the case modifiers mods to s, ASCII letters only.
func applyCase(mods []string, s string) string {
	for _, m := range mods {
		switch m {
		case "lower":
			s = lowerASCII(s)
		case "upper":
			s = strings.Map(func(r rune) rune {
				if r >= 'a' && r <= 'z' {
					return r - 'a' + 'A'
				}
				return r
			}, s)
		case "lowerfirst":
			if s != "" && s[0] >= 'A' && s[0] <= 'Z' {
				s = string(s[0]+'a'-'A') + s[1:]
			}
		case "upperfirst":
			if s != "" && s[0] >= 'a' && s[0] <= 'z' {
				s = string(s[0]-'a'+'A') + s[1:]
			}
		}
	}
	return s
}
