package filter

import (
	"fmt"
	"strings"

	"github.com/foxcpp/go-sieve/lexer"
	"github.com/foxcpp/go-sieve/parser"
)

// Pigeonhole tells a string from a string list even when the list holds a
// single string: fileinto ["x"] is an error. go-sieve accepts a one-element
// list wherever it wants a string, so the arguments declared as "string"
// in the RFCs are checked here.

// stringPositional lists, per command or test, the positional arguments
// (0-based, tags and their values left out) that must be a string.
var stringPositional = map[string][]int{
	"fileinto": {0}, "redirect": {0}, "reject": {0}, "ereject": {0},
	"set": {0, 1}, "vacation": {0}, "include": {0}, "error": {0},
	"date": {0, 1}, "currentdate": {0}, "environment": {0},
}

// flagCommands take an optional variable name (a string) before the flags.
var flagCommands = map[string]bool{"setflag": true, "addflag": true, "removeflag": true}

// stringTags are the tags whose value must be a string, whatever the
// command or test.
var stringTags = map[string]bool{
	"comparator": true, "value": true, "count": true, "subject": true, "from": true,
	"handle": true, "header": true, "uniqueid": true, "zone": true,
}

// exclusiveTags lists, per command or test, tags that cannot be combined.
var exclusiveTags = map[string][][2]string{
	"duplicate": {{"header", "uniqueid"}},
}

// checkArgTypes refuses a tag after a positional argument, a string list
// where name wants a string, and conflicting tags. pos is the position of
// the command or test.
func checkArgTypes(file string, pos lexer.Position, name string, args []parser.Arg) error {
	tags := map[string]bool{}
	positionalSeen := false
	for i, a := range args {
		tag, ok := a.(parser.TagArg)
		if !ok {
			isValue := i > 0 && isValueTag(args[i-1])
			positionalSeen = positionalSeen || !isValue
			continue
		}
		if positionalSeen {
			return scriptErr(file, tag.Position, fmt.Sprintf("%s: tag :%s after a positional argument", name, tag.Value))
		}
		t := strings.ToLower(tag.Value)
		tags[t] = true
		if !stringTags[t] || i+1 == len(args) {
			continue
		}
		if l, list := args[i+1].(parser.StringListArg); list {
			return scriptErr(file, l.Position,
				fmt.Sprintf("the :%s tag of %s needs a string, not a string list", t, name))
		}
	}
	for _, pair := range exclusiveTags[name] {
		if tags[pair[0]] && tags[pair[1]] {
			return scriptErr(file, pos, fmt.Sprintf("%s: :%s and :%s cannot be combined", name, pair[0], pair[1]))
		}
	}
	positions := stringPositional[name]
	pargs := positional(args)
	if flagCommands[name] && len(pargs) == 2 {
		positions = []int{0}
	}
	for _, i := range positions {
		if i >= len(pargs) {
			continue
		}
		if l, list := pargs[i].(parser.StringListArg); list {
			return scriptErr(file, l.Position,
				fmt.Sprintf("%s needs a string as argument %d, not a string list", name, i+1))
		}
	}
	return nil
}

// isValueTag reports whether a is a tag followed by a value.
func isValueTag(a parser.Arg) bool {
	tag, ok := a.(parser.TagArg)
	return ok && valueTags[strings.ToLower(tag.Value)]
}

// checkFlagVariable refuses the variable-name argument of setflag,
// addflag, removeflag and hasflag (RFC 5232) without the variables
// extension, as Pigeonhole does.
func checkFlagVariable(u *unit, pos lexer.Position, name string, args []parser.Arg) error {
	if (!flagCommands[name] && name != "hasflag") || u.has("variables") || len(positional(args)) < 2 {
		return nil
	}
	return scriptErr(u.file, pos, name+": a variable name needs the variables extension")
}
