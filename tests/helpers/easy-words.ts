/**
 * What speaks to the client about their own things, per language: on a family member's page
 * these words would tell Maija "Saat 0,00 €" about Matti's money (issue 14, point 5). A family
 * member may be spoken to about their own doing ("Sinä kirjoitit Matin puolesta", "Viestisi"),
 * so these are the client's words, not every "sinä" or "you".
 */
export const TO_THE_CLIENT = {
  fi: /(?<!\p{L})(sinun|sinulla|sinua|saat|sait|olet|olit|tilillesi|rahastasi|ohjaajasi|harjoittelet|saavutit|suunnitelmasi|puolestasi|kanssasi|kotisi|tukiasi)(?!\p{L})/iu,
  sv: /\b(du får|du fick|du arbetade|du hade|du är|du har|du nådde|du övar|ditt konto|dina pengar|din handledare|din plan|ditt hem|hjälpa dig|vårda dig|för dig)\b/i,
  en: /\b(you get|you got|you worked|you had|you are|you have|you reached|you practise|your account|your money|your worker|your plan|help you|care for you|for you)\b/i,
} as const;
