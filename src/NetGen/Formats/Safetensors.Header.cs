using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using NetGen.Runtime;

namespace NetGen;

// The safetensors reader's header part: the 8-byte length, the JSON header and its validation.
internal static partial class Safetensors
{
    /// <summary>Reads and checks the length, the JSON header and the tensors' byte ranges.</summary>
    private static Header ReadHeader(InputReader reader)
    {
        Span<byte> prefix = stackalloc byte[8];
        reader.Read(prefix, null, "header length");
        ulong length = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (length > MaxHeaderLength)
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"the header declares {length:N0} bytes of JSON; a safetensors header holds at most {MaxHeaderLength:N0}."));
        }

        reader.ExpectTotal(8 + (long)length, exact: false, 8 + (long)length, "header");
        InputReader.Chunks chunks = reader.ReadChunks((long)length, null, "header");
        var json = new byte[length];
        chunks.CopyTo(0, json);
        if (json.Length == 0 || json[0] != (byte)'{')
        {
            throw new InvalidDataException("the header must be a JSON object starting with '{' at byte 8.");
        }

        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetCharCount(json);
        }
        catch (DecoderFallbackException e)
        {
            throw new InvalidDataException("the header is not valid UTF-8: " + e.Message, e);
        }

        Dictionary<string, Tensor> tensors;
        try
        {
            tensors = ParseJson(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException("the header is not well-formed JSON: " + e.Message, e);
        }

        // As the reference reader: sorted by offsets, each tensor starts where the previous one ends, from 0; each
        // spans exactly its dtype's size times its element count; the last one ends where the file does.
        ulong end = 0;
        foreach (Tensor tensor in tensors.Values.OrderBy(t => t.Begin).ThenBy(t => t.End))
        {
            if (tensor.Begin != end || tensor.End < tensor.Begin)
            {
                throw new InvalidDataException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"tensor '{tensor.Name}' has data_offsets [{tensor.Begin}, {tensor.End}], but the tensors before it end at {end}: the byte ranges must follow each other from 0, without gaps or overlaps."));
            }

            ulong elements = 1;
            foreach (ulong dimension in tensor.Shape)
            {
                if (dimension != 0 && elements > ulong.MaxValue / dimension)
                {
                    throw new InvalidDataException($"tensor '{tensor.Name}' has shape {Shape(tensor.Shape)}, too many elements to count.");
                }

                elements *= dimension;
            }

            int size = DtypeSizes[tensor.Dtype];
            if (elements > ulong.MaxValue / (ulong)size || elements * (ulong)size != tensor.End - tensor.Begin)
            {
                throw new InvalidDataException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"tensor '{tensor.Name}' is {tensor.Dtype} of shape {Shape(tensor.Shape)} but its data_offsets [{tensor.Begin}, {tensor.End}] span {tensor.End - tensor.Begin} bytes."));
            }

            end = tensor.End;
        }

        if (end > long.MaxValue - 8 - length)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"the tensors' data ends at byte {end}, beyond any file."));
        }

        return new Header(tensors, (long)length, (long)end);
    }

    private static Dictionary<string, Tensor> ParseJson(byte[] json)
    {
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 8 });
        Next(ref reader, JsonTokenType.StartObject, "the header");
        bool metadata = false;
        while (Read(ref reader) != JsonTokenType.EndObject)
        {
            string name = reader.GetString()!;
            if (name == "__metadata__")
            {
                if (metadata)
                {
                    throw new InvalidDataException("the header holds __metadata__ twice.");
                }

                metadata = true;
                ReadMetadata(ref reader);
                continue;
            }

            if (tensors.ContainsKey(name))
            {
                throw new InvalidDataException($"the header names tensor '{name}' twice.");
            }

            tensors[name] = ReadTensor(ref reader, name);
        }

        if (reader.Read())
        {
            throw new InvalidDataException("the header goes on after its JSON object.");
        }

        return tensors;
    }

    private static void ReadMetadata(ref Utf8JsonReader reader)
    {
        Next(ref reader, JsonTokenType.StartObject, "__metadata__");
        var keys = new HashSet<string>(StringComparer.Ordinal);
        while (Read(ref reader) != JsonTokenType.EndObject)
        {
            string key = reader.GetString()!;
            if (!keys.Add(key))
            {
                throw new InvalidDataException($"__metadata__ holds '{key}' twice.");
            }

            Next(ref reader, JsonTokenType.String, $"__metadata__ '{key}' (a string)");
        }
    }

    private static Tensor ReadTensor(ref Utf8JsonReader reader, string name)
    {
        Next(ref reader, JsonTokenType.StartObject, $"tensor '{name}'");
        string? dtype = null;
        List<ulong>? shape = null;
        List<ulong>? offsets = null;
        while (Read(ref reader) != JsonTokenType.EndObject)
        {
            string key = reader.GetString()!;
            switch (key)
            {
                case "dtype" when dtype is null:
                    Next(ref reader, JsonTokenType.String, $"tensor '{name}''s dtype");
                    dtype = reader.GetString()!;
                    if (!DtypeSizes.ContainsKey(dtype))
                    {
                        throw new InvalidDataException($"tensor '{name}' has the unknown dtype '{dtype}'.");
                    }

                    break;
                case "shape" when shape is null:
                    shape = ReadNumbers(ref reader, $"tensor '{name}''s shape");
                    break;
                case "data_offsets" when offsets is null:
                    offsets = ReadNumbers(ref reader, $"tensor '{name}''s data_offsets");
                    if (offsets.Count != 2)
                    {
                        throw new InvalidDataException($"tensor '{name}''s data_offsets must be [begin, end]; it holds {offsets.Count} numbers.");
                    }

                    break;
                default:
                    throw new InvalidDataException($"tensor '{name}' holds '{key}' twice or a key other than dtype, shape and data_offsets.");
            }
        }

        if (dtype is null || shape is null || offsets is null)
        {
            throw new InvalidDataException($"tensor '{name}' lacks {(dtype is null ? "dtype" : shape is null ? "shape" : "data_offsets")}.");
        }

        return new Tensor(name, dtype, shape.ToArray(), offsets[0], offsets[1]);
    }

    private static List<ulong> ReadNumbers(ref Utf8JsonReader reader, string what)
    {
        Next(ref reader, JsonTokenType.StartArray, what + " (an array)");
        var numbers = new List<ulong>();
        while (Read(ref reader) != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetUInt64(out ulong number))
            {
                throw new InvalidDataException($"{what} must hold whole numbers in [0, 2^64).");
            }

            numbers.Add(number);
        }

        return numbers;
    }

    private static JsonTokenType Read(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new InvalidDataException("the header's JSON ends too early.");
        }

        return reader.TokenType;
    }

    private static void Next(ref Utf8JsonReader reader, JsonTokenType expected, string what)
    {
        if (Read(ref reader) != expected)
        {
            throw new InvalidDataException($"{what} must be a JSON {expected switch { JsonTokenType.StartObject => "object", JsonTokenType.StartArray => "array", _ => "string" }}; it is {reader.TokenType}.");
        }
    }

    private sealed record Tensor(string Name, string Dtype, ulong[] Shape, ulong Begin, ulong End);

    private sealed record Header(Dictionary<string, Tensor> Tensors, long Length, long DataLength);
}
