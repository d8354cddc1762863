namespace RiskFlags.Training;

/// <summary>The council's answers to the ATRS record cannot be used; the message names the file, line or field.</summary>
public sealed class AtrsAnswersException(string message) : Exception(message);
