package filter

import (
	"regexp"
	"strings"

	"github.com/foxcpp/go-sieve/parser"
)

// Variable names may start with "_" (RFC 5229 section 3: an identifier),
// which Pigeonhole accepts and go-sieve refuses. Such names are renamed,
// before anything else reads the tree, to one go-sieve accepts: the prefix
// below followed by the name.
const underscorePrefix = "lbxu"

// underscoreRef matches a reference to a variable whose name starts with
// "_".
var underscoreRef = regexp.MustCompile(`\$\{(_[A-Za-z0-9_]*)\}`)

// underscoreName matches such a name on its own.
var underscoreName = regexp.MustCompile(`^_[A-Za-z0-9_]*$`)

// nameArgs lists the commands and tests whose positional arguments name
// variables: which argument, and whether it must come with another one.
var nameArgs = map[string]struct {
	index   int
	needTwo bool
}{
	"set": {0, false}, "global": {0, false},
	"setflag": {0, true}, "addflag": {0, true}, "removeflag": {0, true}, "hasflag": {0, true},
}

// renameUnderscoreVars renames the variables starting with "_" in cmds.
func renameUnderscoreVars(u *unit, cmds []parser.Cmd) {
	if !u.has("variables") {
		return
	}
	for i := range cmds {
		renameArgs(cmds[i].Id, cmds[i].Args)
		renameTests(cmds[i].Tests)
		renameUnderscoreVars(u, cmds[i].Block)
	}
}

func renameTests(tests []parser.Test) {
	for i := range tests {
		renameArgs(tests[i].Id, tests[i].Args)
		renameTests(tests[i].Tests)
	}
}

// renameArgs rewrites args in place: references everywhere, and names
// where id takes a variable name.
func renameArgs(id string, args []parser.Arg) {
	ref := func(s string) string { return underscoreRef.ReplaceAllString(s, "${"+underscorePrefix+"$1}") }
	mapArgStrings(args, ref)
	spec, ok := nameArgs[strings.ToLower(id)]
	pos := positionalIndexes(args)
	if !ok || spec.index >= len(pos) || (spec.needTwo && len(pos) < 2) {
		return
	}
	switch a := args[pos[spec.index]].(type) {
	case parser.StringArg:
		if underscoreName.MatchString(a.Value) {
			a.Value = underscorePrefix + a.Value
			args[pos[spec.index]] = a
		}
	case parser.StringListArg:
		for j, v := range a.Value {
			if underscoreName.MatchString(v) {
				a.Value[j] = underscorePrefix + v
			}
		}
	}
}

// positionalIndexes returns the indexes in args of the positional
// arguments.
func positionalIndexes(args []parser.Arg) []int {
	var out []int
	for i := 0; i < len(args); i++ {
		if tag, ok := args[i].(parser.TagArg); ok {
			if valueTags[strings.ToLower(tag.Value)] {
				i++
			}
			continue
		}
		out = append(out, i)
	}
	return out
}
