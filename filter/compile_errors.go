package filter

import (
	"errors"
	"regexp"
	"strconv"
	"strings"

	"github.com/foxcpp/go-sieve/lexer"
)

// positioned matches the "line:col: " go-sieve puts in its errors.
var positioned = regexp.MustCompile(`(?:^|: )(\d+):(\d+): `)

// goSievePrefixes are wrapping prefixes of go-sieve errors that say nothing
// to a script author.
var goSievePrefixes = regexp.MustCompile(`(?i)\b(LoadCmd|LoadTest) [^:]*: |LoadSpec: |LoadBlock: |loadRequire: |loadSizeTest: `)

func scriptErr(file string, pos lexer.Position, msg string) *ScriptError {
	return &ScriptError{File: file, Line: pos.Line, Column: pos.Col, Msg: msg}
}

// mapError turns a go-sieve error into a *ScriptError, taking the
// position from the message when it has one and fallback otherwise.
func mapError(file string, fallback lexer.Position, err error) *ScriptError {
	var se *ScriptError
	if errors.As(err, &se) {
		return se
	}
	msg := err.Error()
	line, col := fallback.Line, fallback.Col
	if m := positioned.FindStringSubmatchIndex(msg); m != nil {
		line, _ = strconv.Atoi(msg[m[2]:m[3]])
		col, _ = strconv.Atoi(msg[m[4]:m[5]])
		msg = msg[m[1]:]
	}
	if line > 0 && col == 0 {
		col = 1
	}
	msg = goSievePrefixes.ReplaceAllString(msg, "")
	return &ScriptError{File: file, Line: line, Column: col, Msg: strings.TrimSpace(msg)}
}
