require "reject";
reject "Nicht zustellbar – bitte später erneut";
