package filter

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/foxcpp/go-sieve/lexer"
	"github.com/foxcpp/go-sieve/parser"
)

// checkArgs refuses what go-sieve lets through: a tag given twice and a
// value tag with nothing after it.
func checkArgs(file string, pos lexer.Position, args []parser.Arg) error {
	seen := map[string]bool{}
	for i, a := range args {
		tag, ok := a.(parser.TagArg)
		if !ok {
			continue
		}
		name := strings.ToLower(tag.Value)
		if seen[name] {
			return scriptErr(file, tag.Position, fmt.Sprintf("tag :%s given more than once", tag.Value))
		}
		seen[name] = true
		if valueTags[name] {
			if i+1 == len(args) {
				return scriptErr(file, tag.Position, fmt.Sprintf("tag :%s needs a value", tag.Value))
			}
			if _, isTag := args[i+1].(parser.TagArg); isTag {
				return scriptErr(file, tag.Position, fmt.Sprintf("tag :%s needs a value", tag.Value))
			}
		}
	}
	return nil
}

// removeTag returns args without the value-less tag name and whether it was
// there. args is not modified.
func removeTag(args []parser.Arg, name string) ([]parser.Arg, bool) {
	out := make([]parser.Arg, 0, len(args))
	found := false
	for _, a := range args {
		if t, ok := a.(parser.TagArg); ok && strings.EqualFold(t.Value, name) {
			found = true
			continue
		}
		out = append(out, a)
	}
	return out, found
}

// takeTag removes the tag name and its value from args.
func takeTag(args []parser.Arg, name string) (rest []parser.Arg, value parser.Arg, found bool) {
	rest = make([]parser.Arg, 0, len(args))
	for i := 0; i < len(args); i++ {
		if t, ok := args[i].(parser.TagArg); ok && strings.EqualFold(t.Value, name) {
			found = true
			if i+1 < len(args) {
				value = args[i+1]
				i++
			}
			continue
		}
		rest = append(rest, args[i])
	}
	return rest, value, found
}

// tagString returns the string value of tag name, if present.
func tagString(args []parser.Arg, name string) (string, bool) {
	_, v, ok := takeTag(args, name)
	if !ok {
		return "", false
	}
	switch v := v.(type) {
	case parser.StringArg:
		return v.Value, true
	case parser.StringListArg:
		if len(v.Value) == 1 {
			return v.Value[0], true
		}
	}
	return "", true
}

// cloneArgs deep-copies args: go-sieve decodes encoded characters in place,
// so an argument list must never be loaded twice.
func cloneArgs(args []parser.Arg) []parser.Arg {
	out := make([]parser.Arg, len(args))
	for i, a := range args {
		if l, ok := a.(parser.StringListArg); ok {
			l.Value = append([]string(nil), l.Value...)
			a = l
		}
		out[i] = a
	}
	return out
}

// stringsOf returns the values of a string or string-list argument.
func stringsOf(a parser.Arg) ([]string, bool) {
	switch a := a.(type) {
	case parser.StringArg:
		return []string{a.Value}, true
	case parser.StringListArg:
		return a.Value, true
	}
	return nil, false
}

// varRef matches a variable reference (RFC 5229 section 3).
var varRef = regexp.MustCompile(`\$\{((?:[a-zA-Z_][a-zA-Z0-9_]*\.(?:(?:[a-zA-Z_][a-zA-Z0-9_]*|[0-9]+)\.)*)?(?:[a-zA-Z_][a-zA-Z0-9_]*|[0-9]+))\}`)

func hasVariable(u *unit, s string) bool {
	return u.has("variables") && varRef.MatchString(s)
}

// checkVariables removes references to unknown variable namespaces
// (such as ${foo.bar}, or ${envelope.from} without "envelope"), which
// Pigeonhole expands to "" and go-sieve panics on at run time.
func (c *compiler) checkVariables(u *unit, cmds []parser.Cmd) {
	if !u.has("variables") {
		return
	}
	for i := range cmds {
		c.fixArgVars(u, cmds[i].Args)
		c.fixTestVars(u, cmds[i].Tests)
		c.checkVariables(u, cmds[i].Block)
	}
}

func (c *compiler) fixTestVars(u *unit, tests []parser.Test) {
	for i := range tests {
		c.fixArgVars(u, tests[i].Args)
		c.fixTestVars(u, tests[i].Tests)
	}
}

func (c *compiler) fixArgVars(u *unit, args []parser.Arg) {
	fix := func(v string) string {
		return varRef.ReplaceAllStringFunc(v, func(ref string) string {
			if c.usableVar(u, ref[2:len(ref)-1]) {
				return ref
			}
			return ""
		})
	}
	mapArgStrings(args, fix)
}

// mapArgStrings replaces, in place, every string of the string and string
// list arguments in args with f of it.
func mapArgStrings(args []parser.Arg, f func(string) string) {
	for i, a := range args {
		switch a := a.(type) {
		case parser.StringArg:
			a.Value = f(a.Value)
			args[i] = a
		case parser.StringListArg:
			for j := range a.Value {
				a.Value[j] = f(a.Value[j])
			}
		}
	}
}

func (c *compiler) usableVar(u *unit, name string) bool {
	if _, err := strconv.Atoi(name); err == nil {
		return true
	}
	_, gettable := u.base.IsVarUsable(name)
	return gettable
}

// validRedirect reports whether s is one address, as Pigeonhole checks a
// literal redirect address (see parseMailbox).
func validRedirect(s string) bool {
	_, err := parseMailbox(s)
	return err == nil
}
