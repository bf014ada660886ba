"""One edition's pages, renderer-neutral: conversion, term marks and cards, topics, lists, navigation."""
