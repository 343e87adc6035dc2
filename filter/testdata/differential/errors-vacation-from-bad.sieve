require "vacation";
vacation :from "@@" "x";
