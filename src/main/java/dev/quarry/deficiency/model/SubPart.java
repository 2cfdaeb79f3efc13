package dev.quarry.deficiency.model;

/** A lettered sub-part of a compound request, "(a)", with its own classification. */
public record SubPart(String label, String text, Classification classification) {}
