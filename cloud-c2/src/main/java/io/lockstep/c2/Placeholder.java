package io.lockstep.c2;
class Placeholder {}
