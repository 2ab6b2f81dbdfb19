using System;
using System.IO;
using System.Linq;
using NetGen.Data;
using Xunit;

namespace NetGen.Tests;

/// <summary>The CSV reader on small files written here, on broken ones, and on the Iris data the Iris sample ships.</summary>
public sealed class CsvTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "netgen-csv-" + Guid.NewGuid().ToString("N"));

    public CsvTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string text)
    {
        string path = Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".csv");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Reads_features_and_numbers_classes_by_name()
    {
        string path = Write("a,kind,b\n1.5,zebra,-2\n0.25,ant,1e3\n3,zebra,0\n");
        LabeledData<double> data = Csv.ReadClassification<double>(path, "kind");
        Assert.Equal(new[] { "a", "b" }, data.FeatureNames);
        Assert.Equal(new[] { "ant", "zebra" }, data.ClassNames);
        Assert.Equal(new[] { 1, 0, 1 }, data.Labels);
        Assert.Equal(new[] { 1.5, -2, 0.25, 1000, 3, 0 }, data.Inputs);
        Assert.Equal(3, data.Count);
        Assert.Equal(2, data.FeatureCount);
    }

    [Fact]
    public void Semicolons_quotes_and_spaces()
    {
        string path = Write("x; \"class\"\n 2.5 ;\"b\"\n-1;a\n");
        LabeledData<float> data = Csv.ReadClassification<float>(path, "class");
        Assert.Equal(new[] { 2.5f, -1f }, data.Inputs);
        Assert.Equal(new[] { 1, 0 }, data.Labels);
    }

    [Theory]
    [InlineData("a,kind\n1,x\n2,y,3\n", "line 3 has 3 columns; the header has 2")]
    [InlineData("a,kind\n1,x\n1;5,y\n", "line 3, column 'a': '1;5' is not a finite number")]
    [InlineData("a,kind\nNaN,x\n", "line 2, column 'a': 'NaN' is not a finite number")]
    [InlineData("a,kind\n1,\n", "line 2, column 'kind': the class is empty")]
    [InlineData("a,species\n1,x\n", "no column is named 'kind'; the header names 'a', 'species'")]
    [InlineData("a,kind\n", "the file has a header and no rows")]
    public void Malformed_files_say_where(string text, string message)
    {
        string path = Write(text);
        InvalidDataException e = Assert.Throws<InvalidDataException>(() => Csv.ReadClassification<double>(path, "kind"));
        Assert.Equal(path + ": " + message, e.Message);
    }

    [Fact]
    public void Reads_the_Iris_data_the_sample_ships()
    {
        string path = Path.Combine(Root(), "samples", "Iris", "iris.csv");
        LabeledData<double> data = Csv.ReadClassification<double>(path, "species");
        Assert.Equal(150, data.Count);
        Assert.Equal(new[] { "sepal_length", "sepal_width", "petal_length", "petal_width" }, data.FeatureNames);
        Assert.Equal(new[] { "setosa", "versicolor", "virginica" }, data.ClassNames);
        Assert.All(Enumerable.Range(0, 3), c => Assert.Equal(50, data.Labels.Count(l => l == c)));
        Assert.Equal(new[] { 5.1, 3.5, 1.4, 0.2 }, data.Inputs.Take(4));
    }

    private static string Root()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory.FullName, "NetGen.sln")))
        {
            directory = directory.Parent ?? throw new InvalidOperationException("NetGen.sln not found above " + AppContext.BaseDirectory);
        }

        return directory.FullName;
    }
}
